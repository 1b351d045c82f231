using System.Security.Cryptography;

namespace MailScan.Tls.Renegotiation;

/// <summary>The secrets of a TLS 1.2 ECDHE AES-GCM session (RFC 5246 §6.3, §8.1; RFC 7627 §4).</summary>
internal sealed record HandshakeKeys(HashAlgorithmName Hash, byte[] Master, byte[] ClientKey, byte[] ServerKey, byte[] ClientSalt, byte[] ServerSalt)
{
    public static HandshakeKeys Derive(HashAlgorithmName hash, int keyLength, byte[] preMaster, bool extendedMasterSecret, byte[] sessionHash, byte[] clientRandom, byte[] serverRandom)
    {
        var master = extendedMasterSecret
            ? Tls12Prf.Derive(hash, preMaster, "extended master secret", sessionHash, 48)
            : Tls12Prf.Derive(hash, preMaster, "master secret", [.. clientRandom, .. serverRandom], 48);
        var block = Tls12Prf.Derive(hash, master, "key expansion", [.. serverRandom, .. clientRandom], 2 * keyLength + 8);
        return new HandshakeKeys(hash, master, block[..keyLength], block[keyLength..(2 * keyLength)],
            block[(2 * keyLength)..(2 * keyLength + 4)], block[(2 * keyLength + 4)..(2 * keyLength + 8)]);
    }

    public byte[] VerifyData(string label, byte[] transcript) =>
        Tls12Prf.Derive(Hash, Master, label, Tls12Prf.Hash(Hash, transcript), 12);
}
