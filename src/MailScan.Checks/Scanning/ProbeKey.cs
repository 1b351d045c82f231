namespace MailScan.Checks.Scanning;

/// <summary>
/// What one probe measures: its kind and its target (a domain name or an IP address). Two
/// requests with the same key share one probe and one piece of evidence.
/// </summary>
public sealed record ProbeKey(string Kind, string Target)
{
    public override string ToString() => $"{Kind}:{Target}";
}
