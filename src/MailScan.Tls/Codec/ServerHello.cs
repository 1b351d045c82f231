namespace MailScan.Tls.Codec;

/// <summary>
/// What a ServerHello (or TLS 1.3 HelloRetryRequest) says: the negotiated version (from
/// supported_versions when present), suite, compression, and the extensions the verdicts read.
/// </summary>
public sealed record ServerHello(
    TlsVersion Version,
    ushort CipherSuite,
    byte Compression,
    bool HelloRetryRequest,
    bool SecureRenegotiation,
    bool ExtendedMasterSecret,
    ushort? SelectedGroup,
    IReadOnlyList<ushort> Extensions)
{
    /// <summary>The server's TLS 1.3 key share (the public key of <see cref="SelectedGroup"/>); null in a HelloRetryRequest or below TLS 1.3.</summary>
    public byte[]? KeyShare { get; init; }
}
