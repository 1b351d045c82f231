namespace MailScan.Tls.Codec;

/// <summary>
/// The ephemeral key of a TLS ≤ 1.2 ServerKeyExchange: a named curve, or explicit DH parameters
/// (the prime's size and, when it is one, the RFC 7919 group), and the signature scheme (TLS 1.2).
/// </summary>
public sealed record ServerKeyExchange(
    ushort? NamedGroup,
    int DhPrimeBits,
    ushort? DhRfc7919Group,
    string? DhPrimeSha256,
    ushort? SignatureScheme)
{
    public bool IsFiniteField => NamedGroup is null;
}
