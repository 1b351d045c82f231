namespace MailScan.Checks.Policy.Dkim;

/// <summary>A parsed DKIM key record (RFC 6376 §3.6.1): key type and size, revocation, flags.</summary>
public sealed record DkimKeyRecord(
    string Text,
    string KeyType,
    bool Revoked,
    int? KeyBits,
    IReadOnlyList<string> HashAlgorithms,
    IReadOnlyList<string> ServiceTypes,
    IReadOnlyList<string> Flags)
{
    /// <summary>t=y: the domain is testing DKIM.</summary>
    public bool Testing => Flags.Contains("y");
}
