using MailScan.Dns.Wire;

namespace MailScan.Dns;

/// <summary>How one query went on the wire: the outcome, the raw and parsed response, which server, how long.</summary>
public sealed record DnsExchange(
    DnsOutcome Outcome,
    DnsMessage? Message,
    byte[]? Raw,
    string Server,
    TimeSpan Elapsed,
    string? Error = null)
{
    /// <summary>The response came from the answer cache.</summary>
    public bool FromCache { get; init; }

    /// <summary>Failed exchange.</summary>
    public static DnsExchange Failed(DnsOutcome outcome, string server, TimeSpan elapsed, string error) =>
        new(outcome, null, null, server, elapsed, error);
}
