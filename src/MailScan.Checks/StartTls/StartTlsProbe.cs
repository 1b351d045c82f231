using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Checks.Targets;
using MailScan.Checks.Trust;
using MailScan.Politeness;
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
/// connection gate (<see cref="PacedConnections"/>: a server that puts us off is waited out and the
/// evaluation resumes where it stopped, its work slot free while it waits), at most the configured
/// number of greeted connections.
/// </summary>
public sealed partial class StartTlsProbe(
    IOptions<MailScanOptions> options,
    TargetPolicy policy,
    IConnectionGate gate,
    TimeProvider time,
    ILogger<StartTlsProbe> logger,
    ExtraTrustedRoots? extraRoots = null,
    ProbeWorkSlots? slots = null) : IProbe
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;
    private readonly TlsOptions _tls = options.Value.Tls;
    private readonly TimeSpan _probeTime = options.Value.Scan.ProbeTimeout;
    private readonly Lazy<CertificateTrustEvaluator> _trust = new(() => new CertificateTrustEvaluator((extraRoots ?? new ExtraTrustedRoots(options)).Certificates));

    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "smtp.tls";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: true, "The STARTTLS and TLS evaluation of a mail server address (session, enumeration, chain).", WaitsOutStrictServers: true);

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
        var paced = new PacedConnections(gate, address, _smtp, _probeTime, time) { MaxGreeted = _tls.MaxConnectionsPerIp, Slots = slots };
        var session = await StandardSessionAsync(new StandardStartTlsSession(_smtp, ehlo), paced, address, request.Hint, cancellationToken).ConfigureAwait(false);
        var evaluation = session.State == SmtpConnectState.Greeted && session.StartTlsOffered
            ? await EnumerateAsync(new RawStartTlsConnection(_smtp, ehlo, time, paced.NoteGreeting), paced, address, request.Hint, cancellationToken).ConfigureAwait(false)
            : null;

        var (chain, source) = session.Chain.Count > 0 ? (session.Chain, "standard session")
            : evaluation?.Certificates.Count > 0 ? (evaluation.Certificates.Select(Convert.FromBase64String).ToList(), "raw handshake")
            : ((IReadOnlyList<byte[]>)[], (string?)null);
        var trust = chain.Count > 0 ? _trust.Value.Evaluate(chain, measuredAt) : null;
        var evidence = new StartTlsEvidence(
            address.ToString(), _smtp.Port, request.Hint, measuredAt, session.State, session.GreetingCode, session.Greeting,
            session.StartTlsOffered, session.Handshake, chain.Select(Convert.ToBase64String).ToList(), source, trust,
            evaluation, paced.Count, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), session.Error)
        {
            PutOffs = paced.PutOffs,
            StoppedBecause = paced.Spent,
            StrictNote = paced.StrictNote(),
        };
        LogEvaluation(logger, address, paced.Count, paced.PutOffs, session.State, evidence.TotalMilliseconds);
        return ProbeResult.Completed(request.Key, evidence, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The standard client's session; a 4xx greeting is waited out within the allowance, a connect timeout retried a few times.</summary>
    private Task<StandardSessionResult> StandardSessionAsync(StandardStartTlsSession standard, PacedConnections paced, IPAddress address, string? serverName, CancellationToken cancellationToken) =>
        paced.RunAsync(token => standard.RunAsync(address, serverName, token),
            session => session.State switch
            {
                SmtpConnectState.Greeted => ConnectionTake.Greeted,
                SmtpConnectState.TemporarilyRejected => ConnectionTake.PutOff,
                SmtpConnectState.ConnectTimeout => ConnectionTake.Silent,
                _ => ConnectionTake.Final,
            },
            why => new StandardSessionResult(SmtpConnectState.ConnectTimeout, null, null, false, null, [], why),
            cancellationToken);

    /// <summary>
    /// The raw-hello enumeration within what is left of the connection budget, then the renegotiation
    /// test (TLS 1.2) and the session ticket (TLS 1.3); a test the allowance leaves no time for says so.
    /// </summary>
    private async Task<TlsEvaluation> EnumerateAsync(RawStartTlsConnection raw, PacedConnections paced, IPAddress address, string? serverName, CancellationToken cancellationToken)
    {
        // A server known to be slow by now gets only the connections that fit its pace in the budget.
        var enumerator = new TlsEnumerator(_tls.Enumeration, paced.Affordable, serverName, RandomNumberGenerator.Fill);
        var evaluation = await enumerator.RunAsync(async (hello, token) =>
        {
            var outcome = await paced.RunAsync(t => raw.ExchangeAsync(address, hello, t),
                answer => answer.TryLater ? ConnectionTake.PutOff : ConnectionTake.Greeted,
                why => HelloOutcome.NotUsable(why), token).ConfigureAwait(false);
            // Put off past the allowance: the note names the server's words and the spent budget.
            return outcome.TryLater && paced.Spent is { } spent ? HelloOutcome.NotUsable($"{outcome.Untestable}; {spent}") : outcome;
        }, cancellationToken).ConfigureAwait(false);
        if (paced.Greeted < _tls.MaxConnectionsPerIp && evaluation.Versions.Contains(TlsVersion.Tls12))
        {
            evaluation = evaluation with
            {
                ClientRenegotiation = await AfterStartTlsAsync(raw, paced, address, ClientRenegotiationTimeout,
                    (stream, token) => new ClientRenegotiationTest(stream, serverName, _smtp.CommandTimeout, RandomNumberGenerator.Fill).RunAsync(token),
                    why => new ClientRenegotiationResult(null, why), "the renegotiation test broke off", cancellationToken).ConfigureAwait(false),
            };
        }
        if (paced.Greeted < _tls.MaxConnectionsPerIp && evaluation.Versions.Contains(TlsVersion.Tls13))
        {
            evaluation = evaluation with
            {
                EarlyData = await AfterStartTlsAsync(raw, paced, address, _smtp.BannerTimeout + _smtp.CommandTimeout * 5,
                    (stream, token) => new SessionTicketTest(stream, serverName, new ApplicationLines(raw.EhloLine, SmtpQuit.Line), _smtp.CommandTimeout, RandomNumberGenerator.Fill).RunAsync(token),
                    why => new EarlyDataResult(null, why), "the session ticket test broke off", cancellationToken).ConfigureAwait(false),
            };
        }
        return evaluation;
    }

    // Every answer has the command timeout; the whole test at most a few more than the handshakes it makes.
    private TimeSpan ClientRenegotiationTimeout => _smtp.BannerTimeout + _smtp.CommandTimeout * (3 + ClientRenegotiationTest.MaxRenegotiations);

    /// <summary>
    /// One more paced connection that runs a TLS test after STARTTLS, within its own time limit;
    /// <paramref name="unusable"/> carries why it could not run (put off past the allowance, refused, broke off).
    /// </summary>
    private async Task<T?> AfterStartTlsAsync<T>(RawStartTlsConnection raw, PacedConnections paced, IPAddress address, TimeSpan limit,
        Func<NetworkStream, CancellationToken, Task<T?>> test, Func<string, T> unusable, string brokeOff, CancellationToken cancellationToken) where T : class
    {
        var (result, _) = await paced.RunAsync<(T? Result, StartTlsRefusal? Refused)>(async token =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(limit);
            try
            {
                StartTlsRefusal? refused = null;
                var value = await raw.AfterStartTlsAsync(address, test, refusal => { refused = refusal; return unusable(refusal.Reason); }, timeout.Token).ConfigureAwait(false);
                return (value, refused);
            }
            catch (Exception ex) when (ex is IOException or SocketException or CryptographicException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return (unusable($"{brokeOff}: {ex.Message}"), null);
            }
        }, attempt => attempt.Refused is { TryLater: true } ? ConnectionTake.PutOff : ConnectionTake.Greeted,
            why => (unusable(why), null), cancellationToken).ConfigureAwait(false);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "STARTTLS {Address}: {Connections} connections ({PutOffs} put off), session {State}, {Milliseconds:0} ms")]
    private static partial void LogEvaluation(ILogger logger, IPAddress address, int connections, int putOffs, SmtpConnectState state, double milliseconds);
}
