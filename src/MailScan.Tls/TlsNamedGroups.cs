namespace MailScan.Tls;

/// <summary>Named groups of the supported_groups extension (IANA TLS Supported Groups registry).</summary>
public static class TlsNamedGroups
{
    public const ushort Secp224r1 = 21;
    public const ushort Secp256r1 = 23;
    public const ushort Secp384r1 = 24;
    public const ushort Secp521r1 = 25;
    public const ushort X25519 = 29;
    public const ushort X448 = 30;
    public const ushort Ffdhe2048 = 256;
    public const ushort Ffdhe3072 = 257;
    public const ushort Ffdhe4096 = 258;
    public const ushort Ffdhe6144 = 259;
    public const ushort Ffdhe8192 = 260;

    private static readonly Dictionary<ushort, string> Names = new()
    {
        [1] = "sect163k1", [2] = "sect163r1", [3] = "sect163r2", [4] = "sect193r1", [5] = "sect193r2",
        [6] = "sect233k1", [7] = "sect233r1", [8] = "sect239k1", [9] = "sect283k1", [10] = "sect283r1",
        [11] = "sect409k1", [12] = "sect409r1", [13] = "sect571k1", [14] = "sect571r1", [15] = "secp160k1",
        [16] = "secp160r1", [17] = "secp160r2", [18] = "secp192k1", [19] = "secp192r1", [20] = "secp224k1",
        [21] = "secp224r1", [22] = "secp256k1", [23] = "secp256r1", [24] = "secp384r1", [25] = "secp521r1",
        [26] = "brainpoolP256r1", [27] = "brainpoolP384r1", [28] = "brainpoolP512r1", [29] = "x25519", [30] = "x448",
        [31] = "brainpoolP256r1tls13", [32] = "brainpoolP384r1tls13", [33] = "brainpoolP512r1tls13",
        [256] = "ffdhe2048", [257] = "ffdhe3072", [258] = "ffdhe4096", [259] = "ffdhe6144", [260] = "ffdhe8192",
        [0x11EB] = "SecP256r1MLKEM768", [0x11EC] = "X25519MLKEM768", [0x11ED] = "SecP384r1MLKEM1024",
    };

    /// <summary>Every group the scanner offers when it enumerates.</summary>
    public static IReadOnlyList<ushort> All { get; } = [.. Names.Keys.Order()];

    /// <summary>The groups usable with TLS 1.3 (RFC 8446 §4.2.7 drops the binary and small curves).</summary>
    public static IReadOnlyList<ushort> Tls13 { get; } = [.. All.Where(g => g is >= 23 and <= 25 or 29 or 30 or >= 31 and <= 33 or >= 256 and <= 260 or >= 0x11EB and <= 0x11ED)];

    /// <summary>The elliptic curves (for ECDHE in TLS 1.2 and older).</summary>
    public static IReadOnlyList<ushort> Curves { get; } = [.. All.Where(g => g <= 30)];

    /// <summary>The IANA name of a group, or its number.</summary>
    public static string Name(ushort group) => Names.TryGetValue(group, out var name) ? name : $"0x{group:X4}";

    /// <summary>Whether the group is a finite-field group of RFC 7919.</summary>
    public static bool IsFiniteField(ushort group) => group is >= 256 and <= 511;
}
