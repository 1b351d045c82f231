using System.Security.Cryptography;

namespace MailScan.Tls;

/// <summary>
/// The one classification table: protocol versions, cipher suites, key-exchange groups and hashes,
/// certificate keys and signatures, per the NCSC-NL TLS guidelines as Internet.nl applies them
/// (guideline of 2025-05, lists as of 2026; shared/reference/tls-classes.md). Anything not listed
/// is insufficient. Pure: no I/O.
/// </summary>
public static class TlsClassTable
{
    /// <summary>The guideline this table follows.</summary>
    public const string Guideline = "NCSC-NL TLS guidelines 2025-05 (as applied by Internet.nl, 2026)";

    private static readonly HashSet<string> GoodSuites = ["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"];

    private static readonly HashSet<string> SufficientSuites =
    [
        "TLS_AES_128_GCM_SHA256", "TLS_AES_128_CCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CCM", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    ];

    private static readonly string[] EcdhePhaseOutCiphers =
    [
        "CAMELLIA_256_GCM_SHA384", "CAMELLIA_256_CBC_SHA384", "CAMELLIA_128_GCM_SHA256", "CAMELLIA_128_CBC_SHA256",
        "ARIA_256_GCM_SHA384", "ARIA_256_CBC_SHA384", "ARIA_128_GCM_SHA256", "ARIA_128_CBC_SHA256",
        "AES_256_CBC_SHA384", "AES_128_CBC_SHA256",
    ];

    private static readonly string[] DhePhaseOutCiphers =
    [
        "CHACHA20_POLY1305_SHA256", "CAMELLIA_256_GCM_SHA384", "CAMELLIA_256_CBC_SHA256", "CAMELLIA_128_GCM_SHA256",
        "CAMELLIA_128_CBC_SHA256", "ARIA_256_GCM_SHA384", "ARIA_256_CBC_SHA384", "ARIA_128_GCM_SHA256", "ARIA_128_CBC_SHA256",
        "AES_256_GCM_SHA384", "AES_256_CCM", "AES_256_CBC_SHA256", "AES_128_GCM_SHA256", "AES_128_CCM", "AES_128_CBC_SHA256",
    ];

    private static readonly HashSet<string> PhaseOutSuites =
    [
        .. EcdhePhaseOutCiphers.Select(c => "TLS_ECDHE_ECDSA_WITH_" + c),
        .. EcdhePhaseOutCiphers.Select(c => "TLS_ECDHE_RSA_WITH_" + c),
        .. DhePhaseOutCiphers.Select(c => "TLS_DHE_RSA_WITH_" + c),
    ];

    // The hybrid ML-KEM groups combine a good curve with a post-quantum KEM: at least as good as the curve.
    private static readonly HashSet<ushort> GoodCurves =
        [TlsNamedGroups.Secp256r1, TlsNamedGroups.Secp384r1, TlsNamedGroups.Secp521r1, 26, 27, 28, 31, 32, 33, TlsNamedGroups.X25519, TlsNamedGroups.X448, 0x11EB, 0x11EC, 0x11ED];

    /// <summary>SHA-256 of the big-endian primes of the RFC 7919 groups (generator 2), by group.</summary>
    private static readonly Dictionary<string, ushort> Rfc7919Primes = new(StringComparer.Ordinal)
    {
        ["9cd3b7f336872f46c09428d1bbc19877a4d440512cda8d1c1cf0cd6e33698966"] = TlsNamedGroups.Ffdhe2048,
        ["0eaf67db3a839156d5013494a5318a772b5697d270d721f37f092efc69ea5a17"] = TlsNamedGroups.Ffdhe3072,
        ["4648414224ac881b3d0dc59b466f96d06a558278776807797ecf1f66ff397b3e"] = TlsNamedGroups.Ffdhe4096,
        ["227ac9066b3ddd9e193670cda2388fa884f65ba0cf98b742d1fe77a6687c79c7"] = TlsNamedGroups.Ffdhe6144,
        ["770b14efaf6f049929c523113b3fa99a8d11dab1b18af3609590122075d19833"] = TlsNamedGroups.Ffdhe8192,
    };

    public static TlsClass Version(TlsVersion version) => version switch
    {
        TlsVersion.Tls13 => TlsClass.Good,
        TlsVersion.Tls12 => TlsClass.Sufficient,
        _ => TlsClass.Insufficient,
    };

    public static TlsClass Suite(TlsCipherSuite suite) =>
        GoodSuites.Contains(suite.Name) ? TlsClass.Good
        : SufficientSuites.Contains(suite.Name) ? TlsClass.Sufficient
        : PhaseOutSuites.Contains(suite.Name) ? TlsClass.PhaseOut
        : TlsClass.Insufficient;

    /// <summary>A named group: the good curves, secp224r1 phase out, the RFC 7919 groups from 3072 bits phase out, the rest insufficient.</summary>
    public static TlsClass Group(ushort group) => group switch
    {
        _ when GoodCurves.Contains(group) => TlsClass.Good,
        TlsNamedGroups.Secp224r1 => TlsClass.PhaseOut,
        >= TlsNamedGroups.Ffdhe3072 and <= TlsNamedGroups.Ffdhe8192 => TlsClass.PhaseOut,
        _ => TlsClass.Insufficient,
    };

    /// <summary>The RFC 7919 group with this prime and generator, or null (a custom group).</summary>
    public static ushort? Rfc7919Group(ReadOnlySpan<byte> prime, ReadOnlySpan<byte> generator)
    {
        var p = prime.TrimStart((byte)0);
        var g = generator.TrimStart((byte)0);
        if (g.Length != 1 || g[0] != 2)
            return null;
        return Rfc7919Primes.TryGetValue(Convert.ToHexStringLower(SHA256.HashData(p)), out var group) ? group : null;
    }

    /// <summary>A finite-field group seen in a ServerKeyExchange: only the RFC 7919 groups from 3072 bits are phase out.</summary>
    public static TlsClass DhGroup(ushort? rfc7919Group) => rfc7919Group is { } g ? Group(g) : TlsClass.Insufficient;

    /// <summary>The hash a server signs its key exchange with.</summary>
    public static TlsClass KeyExchangeHash(string hash) => hash switch
    {
        "SHA-256" or "SHA-384" or "SHA-512" or "intrinsic" => TlsClass.Good,
        "SHA-224" => TlsClass.PhaseOut,
        _ => TlsClass.Insufficient,
    };

    /// <summary>A certificate public key: algorithm ("RSA", "EC", "Ed25519", "Ed448", ...), size in bits, curve name for EC.</summary>
    public static TlsClass PublicKey(string algorithm, int bits, string? curve) => algorithm switch
    {
        "RSA" when bits >= 3072 => TlsClass.Good,
        "RSA" when bits >= 2048 => TlsClass.PhaseOut,
        "EC" => curve switch
        {
            "secp256r1" or "secp384r1" or "secp521r1" or "brainpoolP256r1" or "brainpoolP384r1" or "brainpoolP512r1" => TlsClass.Good,
            "secp224r1" => TlsClass.PhaseOut,
            _ => TlsClass.Insufficient,
        },
        "Ed25519" or "Ed448" => TlsClass.Good,
        _ => TlsClass.Insufficient,
    };

    /// <summary>A certificate signature algorithm by OID: RSA/ECDSA with SHA-2 from 256 and EdDSA sufficient, SHA-224 phase out, the rest (SHA-1, MD5, RSASSA-PSS as Internet.nl judges it) insufficient.</summary>
    public static TlsClass CertificateSignature(string oid) => oid switch
    {
        "1.2.840.113549.1.1.11" or "1.2.840.113549.1.1.12" or "1.2.840.113549.1.1.13" => TlsClass.Sufficient,
        "1.2.840.10045.4.3.2" or "1.2.840.10045.4.3.3" or "1.2.840.10045.4.3.4" => TlsClass.Sufficient,
        "1.3.101.112" or "1.3.101.113" => TlsClass.Sufficient,
        "1.2.840.113549.1.1.14" or "1.2.840.10045.4.3.1" => TlsClass.PhaseOut,
        _ => TlsClass.Insufficient,
    };

    /// <summary>The worse of two classes.</summary>
    public static TlsClass Worst(TlsClass a, TlsClass b) => a > b ? a : b;
}
