namespace MailScan.Tls;

/// <summary>Signature schemes of the signature_algorithms extension and the hash each one uses.</summary>
public static class TlsSignatureSchemes
{
    /// <summary>Hash codes of TLS 1.2's HashAlgorithm (RFC 5246 §7.4.1.4.1).</summary>
    public static string HashName(byte hash) => hash switch
    {
        1 => "MD5",
        2 => "SHA-1",
        3 => "SHA-224",
        4 => "SHA-256",
        5 => "SHA-384",
        6 => "SHA-512",
        8 => "intrinsic",
        _ => $"hash {hash}",
    };

    /// <summary>The hash a scheme signs with: the high byte for TLS 1.2 style codes, else by name.</summary>
    public static string HashOf(ushort scheme) => scheme switch
    {
        0x0807 or 0x0808 => "intrinsic",
        0x0804 or 0x0809 => "SHA-256",
        0x0805 or 0x080A => "SHA-384",
        0x0806 or 0x080B => "SHA-512",
        0x081A => "SHA-256",
        0x081B => "SHA-384",
        0x081C => "SHA-512",
        _ => HashName((byte)(scheme >> 8)),
    };

    /// <summary>A readable name of a scheme (e.g. "rsa_pkcs1_sha256").</summary>
    public static string Name(ushort scheme) => scheme switch
    {
        0x0201 => "rsa_pkcs1_sha1",
        0x0203 => "ecdsa_sha1",
        0x0202 => "dsa_sha1",
        0x0301 => "rsa_sha224",
        0x0302 => "dsa_sha224",
        0x0303 => "ecdsa_sha224",
        0x0401 => "rsa_pkcs1_sha256",
        0x0402 => "dsa_sha256",
        0x0403 => "ecdsa_secp256r1_sha256",
        0x0501 => "rsa_pkcs1_sha384",
        0x0503 => "ecdsa_secp384r1_sha384",
        0x0601 => "rsa_pkcs1_sha512",
        0x0603 => "ecdsa_secp521r1_sha512",
        0x0804 => "rsa_pss_rsae_sha256",
        0x0805 => "rsa_pss_rsae_sha384",
        0x0806 => "rsa_pss_rsae_sha512",
        0x0807 => "ed25519",
        0x0808 => "ed448",
        0x0809 => "rsa_pss_pss_sha256",
        0x080A => "rsa_pss_pss_sha384",
        0x080B => "rsa_pss_pss_sha512",
        0x081A => "ecdsa_brainpoolP256r1tls13_sha256",
        0x081B => "ecdsa_brainpoolP384r1tls13_sha384",
        0x081C => "ecdsa_brainpoolP512r1tls13_sha512",
        _ => $"0x{scheme:X4}",
    };

    /// <summary>What a modern client offers: SHA-2 and EdDSA schemes.</summary>
    public static IReadOnlyList<ushort> Modern { get; } =
        [0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x081A, 0x081B, 0x081C, 0x0804, 0x0805, 0x0806, 0x0809, 0x080A, 0x080B, 0x0401, 0x0501, 0x0601, 0x0402];

    /// <summary>Only SHA-1 (RSA, DSA, ECDSA): does the server still sign its key exchange with SHA-1?</summary>
    public static IReadOnlyList<ushort> Sha1Only { get; } = [0x0201, 0x0202, 0x0203];

    /// <summary>Only SHA-224.</summary>
    public static IReadOnlyList<ushort> Sha224Only { get; } = [0x0301, 0x0302, 0x0303];

    /// <summary>Everything, modern first: for connections that must not fail on signatures.</summary>
    public static IReadOnlyList<ushort> All { get; } = [.. Modern, .. Sha224Only, .. Sha1Only];
}
