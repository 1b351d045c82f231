using System.Security.Cryptography;
using System.Text;

namespace MailScan.Tls.EarlyData;

/// <summary>The TLS 1.3 key schedule (RFC 8446 §7.1) of a full (EC)DHE handshake without a PSK. Pure.</summary>
internal static class Tls13KeySchedule
{
    public static byte[] ExpandLabel(HashAlgorithmName hash, byte[] secret, string label, ReadOnlySpan<byte> context, int length)
    {
        var full = Encoding.ASCII.GetBytes("tls13 " + label);
        byte[] info = [(byte)(length >> 8), (byte)length, (byte)full.Length, .. full, (byte)context.Length, .. context];
        return HKDF.Expand(hash, secret, length, info);
    }

    public static byte[] TranscriptHash(HashAlgorithmName hash, ReadOnlySpan<byte> messages) =>
        hash == HashAlgorithmName.SHA384 ? SHA384.HashData(messages) : SHA256.HashData(messages);

    /// <summary>The client and server handshake traffic secrets and the master secret, from the (EC)DHE shared secret and the hash of ClientHello..ServerHello.</summary>
    public static (byte[] Client, byte[] Server, byte[] Master) HandshakeSecrets(HashAlgorithmName hash, byte[] sharedSecret, byte[] helloHash)
    {
        var length = helloHash.Length;
        var zeros = new byte[length];
        var empty = TranscriptHash(hash, []);
        var early = HKDF.Extract(hash, zeros, zeros);
        var handshake = HKDF.Extract(hash, sharedSecret, ExpandLabel(hash, early, "derived", empty, length));
        var master = HKDF.Extract(hash, zeros, ExpandLabel(hash, handshake, "derived", empty, length));
        return (ExpandLabel(hash, handshake, "c hs traffic", helloHash, length), ExpandLabel(hash, handshake, "s hs traffic", helloHash, length), master);
    }

    /// <summary>The application traffic secrets, from the master secret and the hash of ClientHello..server Finished.</summary>
    public static (byte[] Client, byte[] Server) ApplicationSecrets(HashAlgorithmName hash, byte[] master, byte[] finishedHash) =>
        (ExpandLabel(hash, master, "c ap traffic", finishedHash, finishedHash.Length), ExpandLabel(hash, master, "s ap traffic", finishedHash, finishedHash.Length));

    /// <summary>The verify_data of a Finished message sent under <paramref name="trafficSecret"/>.</summary>
    public static byte[] FinishedVerifyData(HashAlgorithmName hash, byte[] trafficSecret, byte[] transcriptHash)
    {
        var key = ExpandLabel(hash, trafficSecret, "finished", [], transcriptHash.Length);
        return hash == HashAlgorithmName.SHA384 ? HMACSHA384.HashData(key, transcriptHash) : HMACSHA256.HashData(key, transcriptHash);
    }
}
