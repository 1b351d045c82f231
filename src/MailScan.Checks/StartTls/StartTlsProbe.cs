using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailScan.Checks.Options;
using MailScan.Checks.Politeness;
using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Checks.Targets;
using MailScan.Tls;
using MailScan.Tls.EarlyData;
using MailScan.Tls.Enumeration;
using MailScan.Tls.Renegotiation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.StartTls;

/// <summary>
/// The STARTTLS evaluation of one mail server address: a standard client's session (STARTTLS,
/// TLS, chain), then the raw-hello enumeration, every connection through the target policy and the
/// connection gate, at most the configured number of connections in all.
/// </summary>
public sealed partial class StartTlsProbe(
    IOptions<MailScanOptions> options,
    TargetPolicy policy,
    IConnectionGate gate,
    TimeProvider time,
    ILogger<StartTlsProbe> logger) : IProbe
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;
    private readonly TlsOptions _tls = options.Value.Tls;
    private readonly Lazy<CertificateTrustEvaluator> _trust = new(() => new CertificateTrustEvaluator(LoadRoots(options.Value.Tls.ExtraRootFile)));

    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "smtp.tls";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: true, "The STARTTLS and TLS evaluation of a mail server address (session, enumeration, chain).");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (!IPAddress.TryParse(request.Key.Target, out var address))
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed, $"'{request.Key.Target}' is not an IP address", TimeSpan.Zero);
        var decision = policy.Check(address);
        if (!decision.IsAllowed)
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.NotAllowed, decision.Reason, TimeSpan.Zero);

        var measuredAt = time.GetUtcNow();
        var ehlo = string.IsNullOrWhiteSpace(_smtp.EhloName) ? System.Net.Dns.GetHostName() : _smtp.EhloName;
        var connections = new StrongBox<int>();
        var session = await StandardSessionAsync(new StandardStartTlsSession(_smtp, ehlo), address, request.Hint, connections, cancellationToken).ConfigureAwait(false);
        var evaluation = session.State == SmtpConnectState.Greeted && session.StartTlsOffered
            ? await EnumerateAsync(new RawStartTlsConnection(_smtp, ehlo), address, request.Hint, connections, cancellationToken).ConfigureAwait(false)
            : null;

        var (chain, source) = session.Chain.Count > 0 ? (session.Chain, "standard session")
            : evaluation?.Certificates.Count > 0 ? (evaluation.Certificates.Select(Convert.FromBase64String).ToList(), "raw handshake")
            : ((IReadOnlyList<byte[]>)[], (string?)null);
        var trust = chain.Count > 0 ? _trust.Value.Evaluate(chain, measuredAt) : null;
        var evidence = new StartTlsEvidence(
            address.ToString(), _smtp.Port, request.Hint, measuredAt, session.State, session.GreetingCode, session.Greeting,
            session.StartTlsOffered, session.Handshake, chain.Select(Convert.ToBase64String).ToList(), source, trust,
            evaluation, connections.Value, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), session.Error);
        LogEvaluation(logger, address, connections.Value, session.State, evidence.TotalMilliseconds);
        return ProbeResult.Completed(request.Key, evidence, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The standard client's session, retried with back-off after a 4xx greeting or a connect timeout.</summary>
    private async Task<StandardSessionResult> StandardSessionAsync(StandardStartTlsSession standard, IPAddress address, string? serverName, StrongBox<int> connections, CancellationToken cancellationToken)
    {
        StandardSessionResult session = null!;
        await RetryingAsync(async token =>
        {
            connections.Value++;
            await using (await gate.AcquireAsync(address, token).ConfigureAwait(false))
                session = await standard.RunAsync(address, serverName, token).ConfigureAwait(false);
            return session.State is SmtpConnectState.TemporarilyRejected or SmtpConnectState.ConnectTimeout;
        }, cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <summary>The raw-hello enumeration within what is left of the connection budget, then the renegotiation test (TLS 1.2) and the session ticket (TLS 1.3).</summary>
    private async Task<TlsEvaluation> EnumerateAsync(RawStartTlsConnection raw, IPAddress address, string? serverName, StrongBox<int> connections, CancellationToken cancellationToken)
    {
        var enumerator = new TlsEnumerator(_tls.Enumeration, Math.Max(1, _tls.MaxConnectionsPerIp - connections.Value), serverName, RandomNumberGenerator.Fill);
        var evaluation = await enumerator.RunAsync((hello, token) => ExchangeAsync(raw, address, hello, connections, token), cancellationToken).ConfigureAwait(false);
        if (connections.Value < _tls.MaxConnectionsPerIp && evaluation.Versions.Contains(TlsVersion.Tls12))
        {
            connections.Value++;
            evaluation = evaluation with { ClientRenegotiation = await ClientRenegotiationAsync(raw, address, serverName, cancellationToken).ConfigureAwait(false) };
        }
        if (connections.Value < _tls.MaxConnectionsPerIp && evaluation.Versions.Contains(TlsVersion.Tls13))
        {
            connections.Value++;
            evaluation = evaluation with { EarlyData = await EarlyDataAsync(raw, address, serverName, cancellationToken).ConfigureAwait(false) };
        }
        return evaluation;
    }

    /// <summary>One more connection completes a TLS 1.3 handshake to read whether the session ticket allows 0-RTT; null when the server takes nothing this client can complete.</summary>
    private async Task<EarlyDataResult?> EarlyDataAsync(RawStartTlsConnection raw, IPAddress address, string? serverName, CancellationToken cancellationToken)
    {
        await using (await gate.AcquireAsync(address, cancellationToken).ConfigureAwait(false))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_smtp.BannerTimeout + _smtp.CommandTimeout * 5);
            try
            {
                return await raw.AfterStartTlsAsync(address,
                    (stream, token) => new SessionTicketTest(stream, serverName, raw.EhloName, _smtp.CommandTimeout, RandomNumberGenerator.Fill).RunAsync(token),
                    refusal => new EarlyDataResult(null, refusal.Reason), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or CryptographicException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return new EarlyDataResult(null, $"the session ticket test broke off: {ex.Message}");
            }
        }
    }

    private async Task<HelloOutcome> ExchangeAsync(RawStartTlsConnection raw, IPAddress address, Tls.Codec.ClientHelloSpec hello, StrongBox<int> connections, CancellationToken cancellationToken)
    {
        HelloOutcome outcome = null!;
        await RetryingAsync(async token =>
        {
            connections.Value++;
            await using (await gate.AcquireAsync(address, token).ConfigureAwait(false))
                outcome = await raw.ExchangeAsync(address, hello, token).ConfigureAwait(false);
            return outcome.TryLater;
        }, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>One more connection to see whether, and how often, the server lets a client renegotiate; null when the server takes nothing this client can complete.</summary>
    private async Task<ClientRenegotiationResult?> ClientRenegotiationAsync(RawStartTlsConnection raw, IPAddress address, string? serverName, CancellationToken cancellationToken)
    {
        await using (await gate.AcquireAsync(address, cancellationToken).ConfigureAwait(false))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Every answer has the command timeout; the whole test at most a few more than the handshakes it makes.
            timeout.CancelAfter(_smtp.BannerTimeout + _smtp.CommandTimeout * (3 + ClientRenegotiationTest.MaxRenegotiations));
            try
            {
                return await raw.AfterStartTlsAsync(address,
                    (stream, token) => new ClientRenegotiationTest(stream, serverName, _smtp.CommandTimeout, RandomNumberGenerator.Fill).RunAsync(token),
                    refusal => new ClientRenegotiationResult(null, refusal.Reason), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or CryptographicException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return new ClientRenegotiationResult(null, $"the renegotiation test broke off: {ex.Message}");
            }
        }
    }

    /// <summary>Runs an attempt; while it asks for a retry (a 4xx greeting, a connect timeout), backs off and tries again, a bounded number of times.</summary>
    private async Task RetryingAsync(Func<CancellationToken, Task<bool>> attempt, CancellationToken cancellationToken)
    {
        var delay = _smtp.RetryDelay;
        for (var tries = 0; await attempt(cancellationToken).ConfigureAwait(false) && tries < _smtp.TemporaryFailureRetries; tries++)
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    private static X509Certificate2Collection LoadRoots(string? file)
    {
        var roots = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(file) && File.Exists(file))
            roots.ImportFromPemFile(file);
        return roots;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "STARTTLS {Address}: {Connections} connections, session {State}, {Milliseconds:0} ms")]
    private static partial void LogEvaluation(ILogger logger, IPAddress address, int connections, SmtpConnectState state, double milliseconds);
}
