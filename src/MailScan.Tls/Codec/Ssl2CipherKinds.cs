namespace MailScan.Tls.Codec;

/// <summary>
/// The seven SSL 2.0 cipher kinds (three bytes each on the wire), every one of them insufficient:
/// an SSL 2.0 hello offers them all, so any server that still speaks SSL 2.0 can answer.
/// </summary>
public static class Ssl2CipherKinds
{
    private static readonly (int Code, string Name)[] Known =
    [
        (0x010080, "SSL_CK_RC4_128_WITH_MD5"),
        (0x020080, "SSL_CK_RC4_128_EXPORT40_WITH_MD5"),
        (0x030080, "SSL_CK_RC2_128_CBC_WITH_MD5"),
        (0x040080, "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5"),
        (0x050080, "SSL_CK_IDEA_128_CBC_WITH_MD5"),
        (0x060040, "SSL_CK_DES_64_CBC_WITH_MD5"),
        (0x0700C0, "SSL_CK_DES_192_EDE3_CBC_WITH_MD5"),
    ];

    /// <summary>Every kind, in the order a hello offers them.</summary>
    public static IReadOnlyList<int> All { get; } = [.. Known.Select(k => k.Code)];

    /// <summary>The kind's name, or its three bytes in hex when it is none of the seven.</summary>
    public static string Name(int code) => Known.FirstOrDefault(k => k.Code == code).Name ?? $"0x{code:X6}";
}
