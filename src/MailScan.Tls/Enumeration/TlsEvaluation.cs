namespace MailScan.Tls.Enumeration;

/// <summary>
/// What the raw-hello enumeration of one mail server address found: versions, suites, order,
/// groups, key-exchange hashes, compression, renegotiation, EMS, and the chain a TLS ≤ 1.2
/// handshake showed in the clear. <see cref="Complete"/> is false when it had to stop early.
/// </summary>
public sealed record TlsEvaluation(
    string Mode,
    int Hellos,
    bool Complete,
    IReadOnlyList<TlsVersion> Versions,
    IReadOnlyList<TlsVersion> VersionsRefused,
    IReadOnlyList<AcceptedSuite> Suites,
    CipherOrderResult? CipherOrder,
    IReadOnlyList<AcceptedGroup> Groups,
    KeyExchangeHashResult KeyExchangeHash,
    bool? Compression,
    bool? SecureRenegotiation,
    bool? ExtendedMasterSecret,
    IReadOnlyList<string> Certificates,
    IReadOnlyList<string> Notes)
{
    /// <summary>Whether the server lets a client renegotiate (one more connection after the enumeration); null when not probed.</summary>
    public Renegotiation.ClientRenegotiationResult? ClientRenegotiation { get; init; }

    /// <summary>Whether the server's TLS 1.3 session ticket allows 0-RTT (one more connection, evidence only); null when not probed.</summary>
    public EarlyData.EarlyDataResult? EarlyData { get; init; }

    /// <summary>The SSL 2.0 cipher kinds the server offered when it answered an SSL 2.0 hello (every one insufficient); empty otherwise.</summary>
    public IReadOnlyList<string> Ssl2CipherKinds { get; init; } = [];

    /// <summary>Whether the server completed the clear part of at least one handshake.</summary>
    public bool AnyHandshake => Versions.Count > 0;
}
