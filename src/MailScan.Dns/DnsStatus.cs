namespace MailScan.Dns;

/// <summary>
/// The one-word status of a DNS question as evidence keeps it (<see cref="DnsAnswer.Status"/>): a
/// response code, or how the question ended without one. Evidence stores the word so reports stay
/// readable; every decision on it goes through these names and predicates.
/// </summary>
public static class DnsStatus
{
    public const string NoError = "NOERROR";
    public const string NxDomain = "NXDOMAIN";
    public const string ServFail = "SERVFAIL";
    public const string Refused = "REFUSED";
    public const string Timeout = "TIMEOUT";
    public const string NetworkError = "NETWORK_ERROR";
    public const string Malformed = "MALFORMED";

    /// <summary>NOERROR or NXDOMAIN: an authoritative statement about the name.</summary>
    public static bool IsConclusive(string? status) => status is NoError or NxDomain;

    /// <summary>A server answered (any response code); false when nothing usable came back.</summary>
    public static bool IsResponse(string? status) => status is not (null or Timeout or NetworkError or Malformed);

    /// <summary>No server could be reached: the question timed out or the network failed.</summary>
    public static bool IsUnreachable(string? status) => status is Timeout or NetworkError;
}
