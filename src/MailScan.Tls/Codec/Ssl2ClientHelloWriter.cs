namespace MailScan.Tls.Codec;

/// <summary>
/// Encodes an SSL 2.0 CLIENT-HELLO ("The SSL Protocol", Hickman 1995): a two-byte record header
/// with the high bit set, message type 1, version 0x0002, the cipher kinds, no session id and a
/// challenge of 16 bytes. Pure.
/// </summary>
public static class Ssl2ClientHelloWriter
{
    /// <summary>The challenge length used: the smallest the protocol allows, as every SSL 2.0 client sent.</summary>
    public const int ChallengeLength = 16;

    private const byte ClientHello = 1;

    public static byte[] Write(IReadOnlyList<int> cipherKinds, ReadOnlySpan<byte> random)
    {
        var body = new List<byte>(9 + cipherKinds.Count * 3 + ChallengeLength) { ClientHello, 0x00, 0x02 };
        U16(body, cipherKinds.Count * 3);
        U16(body, 0); // no session id: nothing to resume
        U16(body, ChallengeLength);
        foreach (var kind in cipherKinds)
            body.AddRange([(byte)(kind >> 16), (byte)(kind >> 8), (byte)kind]);
        body.AddRange(random[..ChallengeLength].ToArray());
        // Two-byte header: high bit set (no padding), then the 15-bit length.
        return [(byte)(0x80 | (body.Count >> 8)), (byte)body.Count, .. body];
    }

    private static void U16(List<byte> buffer, int value)
    {
        buffer.Add((byte)(value >> 8));
        buffer.Add((byte)value);
    }
}
