using System.Security.Cryptography;

namespace MailScan.Tls.EarlyData;

/// <summary>A TLS 1.3 cipher suite this client can complete: its hash and AEAD key length (RFC 8446 §B.4).</summary>
internal sealed record Tls13Suite(ushort Code, HashAlgorithmName Hash, int KeyLength, bool ChaCha20)
{
    public int HashLength => Hash == HashAlgorithmName.SHA384 ? 48 : 32;

    /// <summary>AES-GCM always; ChaCha20-Poly1305 where the platform has it.</summary>
    public static IReadOnlyList<Tls13Suite> All { get; } =
    [
        new(0x1301, HashAlgorithmName.SHA256, 16, false),
        new(0x1302, HashAlgorithmName.SHA384, 32, false),
        .. ChaCha20Poly1305.IsSupported ? [new Tls13Suite(0x1303, HashAlgorithmName.SHA256, 32, true)] : Array.Empty<Tls13Suite>(),
    ];

    public static Tls13Suite? Of(ushort code) => All.FirstOrDefault(s => s.Code == code);
}
