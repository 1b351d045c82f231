using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;

namespace MailScan.Checks.StartTls;

/// <summary>Whether a server's evidence lets the TLS sub-tests be judged, and if not, what they say instead.</summary>
public static class SessionGate
{
    /// <summary>Null when the sub-tests can be judged; else the verdict every TLS sub-test of the server gets.</summary>
    public static ServerVerdict? Blocked(ProbeResult? result, StartTlsEvidence? evidence)
    {
        if (result is null)
            return ServerVerdict.NotTestable("not measured");
        if (result.Outcome != ProbeOutcome.Completed)
            return result.Outcome == ProbeOutcome.Failed
                ? new ServerVerdict(Verdicts.TestStatus.Error, $"the scanner failed: {result.Reason}")
                : ServerVerdict.NotTestable(result.Reason);
        if (evidence is null)
            return new ServerVerdict(Verdicts.TestStatus.Error, "the evidence could not be read");
        if (!evidence.Reached)
            return ServerVerdict.NotTestable(Unreached(evidence));
        if (!evidence.StartTlsOffered)
            return ServerVerdict.NotTested("the server does not offer STARTTLS");
        if (!evidence.TlsEstablished)
            return ServerVerdict.NotTested("no TLS session could be established");
        return null;
    }

    /// <summary>Why an address could not be measured, in words.</summary>
    public static string Unreached(StartTlsEvidence evidence) => evidence.State switch
    {
        SmtpConnectState.Refused => "connection refused on the SMTP port",
        SmtpConnectState.Unreachable => $"address unreachable ({evidence.Error})",
        SmtpConnectState.ConnectTimeout => "no TCP connection in time",
        SmtpConnectState.BannerTimeout when evidence.GreetingCode is { } code => $"greeted with {code}, then silent (a tarpit or a broken service): {evidence.Error}",
        SmtpConnectState.BannerTimeout => $"no SMTP greeting in time (a tarpit or a dead service): {evidence.Error}",
        SmtpConnectState.TemporarilyRejected => $"the server refused us for now: {evidence.GreetingCode} {evidence.Greeting}".TrimEnd(),
        SmtpConnectState.Rejected => $"the server refuses SMTP: {evidence.GreetingCode} {evidence.Greeting}".TrimEnd(),
        _ => $"the server dropped the session ({evidence.Error})",
    };
}
