namespace MailScan.Checks.Policy.Spf;

/// <summary>
/// What check_host() decided: the result, the explanation (exp=) on fail, why in words, and the
/// DNS-querying terms and void lookups it spent.
/// </summary>
public sealed record SpfCheckResult(
    SpfResult Result,
    string Reason,
    string? Explanation = null,
    int DnsLookups = 0,
    int VoidLookups = 0);
