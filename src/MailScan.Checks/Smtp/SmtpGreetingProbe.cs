using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Checks.Targets;
using MailScan.Politeness;
using MailScan.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Smtp;

/// <summary>
/// One clean SMTP session with a mail server address: connect, greeting, EHLO, QUIT. Tells
/// whether the address speaks SMTP and offers STARTTLS. Every step has its own timeout.
/// </summary>
public sealed partial class SmtpGreetingProbe(
    IOptions<MailScanOptions> options,
    TargetPolicy policy,
    IConnectionGate gate,
    ILogger<SmtpGreetingProbe> logger) : IProbe
{
    // A wait at the connection gate this long means the per-address limits are holding the scan back.
    private static readonly TimeSpan NoteworthyWait = TimeSpan.FromSeconds(1);
    private readonly SmtpOptions _smtp = options.Value.Smtp;

    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "smtp";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: true, "An SMTP session with a mail server address.");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (!policy.TryAdmit(request, out var address, out var refusal))
            return refusal;

        var waiting = Stopwatch.GetTimestamp();
        await using (await gate.AcquireAsync(address, cancellationToken).ConfigureAwait(false))
        {
            var waited = Stopwatch.GetElapsedTime(waiting);
            MailScanMetrics.PolitenessWaited(Kind, waited);
            if (waited >= NoteworthyWait)
                LogPolitenessWait(logger, address, waited.TotalSeconds);
            var evidence = await SessionAsync(address, request.Hint, cancellationToken).ConfigureAwait(false);
            LogSession(logger, address, _smtp.Port, evidence.State, evidence.GreetingCode, evidence.TotalMilliseconds);
            if (DeferralReason(evidence.State) is { } deferral)
            {
                MailScanMetrics.TargetDeferred(Kind, deferral);
                LogDeferred(logger, address, evidence.State, evidence.Error ?? deferral);
            }
            return ProbeResult.Completed(request.Key, evidence, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<SmtpEvidence> SessionAsync(IPAddress address, string? mxName, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var failure = await SmtpTcpConnect.ConnectAsync(socket, address, _smtp.Port, _smtp.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        var connectMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (failure is { } failed)
            return Evidence(address, failed.State, null, connectMs, started, failed.Error);

        using var transcript = new SmtpTranscript();
        using var client = new SmtpClient(transcript)
        {
            LocalDomain = EhloName(),
            Timeout = (int)_smtp.BannerTimeout.TotalMilliseconds,
            CheckCertificateRevocation = false,
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_smtp.BannerTimeout + _smtp.CommandTimeout);
            await client.ConnectAsync(new SmtpReplyLimitStream(new NetworkStream(socket, ownsSocket: false)), mxName ?? address.ToString(), _smtp.Port, SecureSocketOptions.None, timeout.Token).ConfigureAwait(false);
            client.Timeout = (int)_smtp.CommandTimeout.TotalMilliseconds;
            await SmtpQuit.SendAsync(client, _smtp.CommandTimeout, cancellationToken).ConfigureAwait(false);
            return Evidence(address, SmtpConnectState.Greeted, transcript, connectMs, started, null);
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            var greeted = SmtpReplyReader.All(transcript.ServerText).Count > 1;
            var rejected = code >= 500 ? SmtpConnectState.Rejected : SmtpConnectState.TemporarilyRejected;
            return Evidence(address, greeted ? SmtpConnectState.Dropped : rejected, transcript, connectMs, started, $"{code} {ex.Message}");
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            var waitedFor = SmtpReplyReader.All(transcript.ServerText).Count == 0 ? "greeting" : "reply to EHLO";
            return Evidence(address, SmtpConnectState.BannerTimeout, transcript, connectMs, started,
                $"no {waitedFor} within {_smtp.BannerTimeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SslHandshakeException)
        {
            return Evidence(address, SmtpConnectState.Dropped, transcript, connectMs, started, ex.Message);
        }
    }

    private SmtpEvidence Evidence(IPAddress address, SmtpConnectState state, SmtpTranscript? transcript, double connectMs, long started, string? error)
    {
        var replies = transcript is null ? [] : SmtpReplyReader.All(transcript.ServerText);
        var greeting = replies.Count > 0 ? replies[0] : null;
        var ehlo = replies.Count > 1 ? replies[1] : null;
        var extensions = ehlo is { Code: 250 } ? SmtpTranscript.Extensions(ehlo) : [];
        return new SmtpEvidence(
            address.ToString(), _smtp.Port, state,
            greeting?.Code, greeting is null ? null : string.Join(" / ", greeting.Lines),
            SmtpTranscript.OffersStartTls(extensions),
            extensions,
            Math.Round(connectMs, 1),
            Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
            error);
    }

    /// <summary>The states in which the server put us off (try later) rather than answered, as a metric label.</summary>
    private static string? DeferralReason(SmtpConnectState state) => state switch
    {
        SmtpConnectState.TemporarilyRejected => "greeting_4xx",
        SmtpConnectState.ConnectTimeout => "connect_timeout",
        SmtpConnectState.BannerTimeout => "banner_timeout",
        _ => null,
    };

    private string EhloName() => string.IsNullOrWhiteSpace(_smtp.EhloName) ? System.Net.Dns.GetHostName() : _smtp.EhloName;

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP {Address}: waited {Seconds:0.0} s for the per-address connection limit (politeness)")]
    private static partial void LogPolitenessWait(ILogger logger, IPAddress address, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP {Address}: the server put us off ({State}): {Reason}")]
    private static partial void LogDeferred(ILogger logger, IPAddress address, SmtpConnectState state, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMTP {Address}:{Port}: {State} (greeting {Code}) in {Milliseconds:0} ms")]
    private static partial void LogSession(ILogger logger, IPAddress address, int port, SmtpConnectState state, int? code, double milliseconds);
}
