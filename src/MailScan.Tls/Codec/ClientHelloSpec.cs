namespace MailScan.Tls.Codec;

/// <summary>
/// One ClientHello to send: the highest version offered, the suites, groups and signature schemes,
/// and the name for SNI. For TLS 1.3 the hello offers only 1.3 (supported_versions) with an empty
/// key_share, so the server answers with a HelloRetryRequest that names its suite and group
/// without any key being computed.
/// </summary>
public sealed record ClientHelloSpec(
    TlsVersion Version,
    IReadOnlyList<ushort> Suites,
    IReadOnlyList<ushort> Groups,
    IReadOnlyList<ushort> SignatureSchemes,
    string? ServerName,
    byte[] Random)
{
    /// <summary>Offer DEFLATE besides null compression (TLS ≤ 1.2), to see whether the server takes it.</summary>
    public bool OfferCompression { get; init; } = true;

    /// <summary>The renegotiation_info payload: empty on a first handshake, the client's last verify_data when renegotiating (RFC 5746).</summary>
    public byte[] RenegotiationInfo { get; init; } = [];

    /// <summary>A TLS 1.3 key share to send instead of the empty one (group and public key), for a handshake that is to complete.</summary>
    public (ushort Group, byte[] Key)? KeyShare { get; init; }
}
