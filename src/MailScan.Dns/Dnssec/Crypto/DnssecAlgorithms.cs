namespace MailScan.Dns.Dnssec.Crypto;

/// <summary>
/// The signature algorithms the validator checks (RFC 8624): RSA/SHA-1 (5, 7), RSA/SHA-256 (8),
/// RSA/SHA-512 (10), ECDSA P-256/SHA-256 (13), ECDSA P-384/SHA-384 (14), Ed25519 (15), Ed448 (16).
/// Anything else (DSA, GOST, private algorithms) is unsupported: zones signed only with it are
/// insecure (RFC 4035 §5.2, RFC 6840 §5.2). .NET has no EdDSA, so BouncyCastle verifies those.
/// </summary>
public static class DnssecAlgorithms
{
    public static bool IsSupported(byte algorithm) => algorithm is 5 or 7 or 8 or 10 or 13 or 14 or 15 or 16;

    /// <summary>The mnemonic of an algorithm number (IANA DNS Security Algorithm Numbers).</summary>
    public static string Name(byte algorithm) => algorithm switch
    {
        3 => "DSA",
        5 => "RSASHA1",
        6 => "DSA-NSEC3-SHA1",
        7 => "RSASHA1-NSEC3-SHA1",
        8 => "RSASHA256",
        10 => "RSASHA512",
        12 => "ECC-GOST",
        13 => "ECDSAP256SHA256",
        14 => "ECDSAP384SHA384",
        15 => "ED25519",
        16 => "ED448",
        253 => "PRIVATEDNS",
        254 => "PRIVATEOID",
        _ => $"algorithm {algorithm}",
    };
}
