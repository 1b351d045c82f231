using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace MailScan.Checks.Dnssec.Crypto;

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

    /// <summary>Verifies a signature; false for a bad signature, a malformed key or an unsupported algorithm.</summary>
    public static bool Verify(byte algorithm, byte[] publicKey, ReadOnlySpan<byte> data, byte[] signature)
    {
        try
        {
            return algorithm switch
            {
                5 or 7 => VerifyRsa(publicKey, data, signature, HashAlgorithmName.SHA1),
                8 => VerifyRsa(publicKey, data, signature, HashAlgorithmName.SHA256),
                10 => VerifyRsa(publicKey, data, signature, HashAlgorithmName.SHA512),
                13 => VerifyEcdsa(publicKey, data, signature, ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256, 32),
                14 => VerifyEcdsa(publicKey, data, signature, ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384, 48),
                15 => publicKey.Length == Ed25519.PublicKeySize && signature.Length == Ed25519.SignatureSize
                      && Ed25519.Verify(signature, 0, publicKey, 0, data.ToArray(), 0, data.Length),
                16 => publicKey.Length == Ed448.PublicKeySize && signature.Length == Ed448.SignatureSize
                      && Ed448.Verify(signature, 0, publicKey, 0, [], data.ToArray(), 0, data.Length),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>RFC 3110 §2: exponent length (1 octet, or 0 then 2 octets), exponent, modulus.</summary>
    private static bool VerifyRsa(byte[] key, ReadOnlySpan<byte> data, byte[] signature, HashAlgorithmName hash)
    {
        if (key.Length < 3)
            return false;
        int exponentLength = key[0];
        var at = 1;
        if (exponentLength == 0)
        {
            exponentLength = (key[1] << 8) | key[2];
            at = 3;
        }
        if (exponentLength == 0 || at + exponentLength >= key.Length)
            return false;
        var modulus = key[(at + exponentLength)..];
        // RFC 3110 / RFC 5702: moduli of 512 to 4096 bits; anything else is not a usable key.
        if (modulus.Length is < 64 or > 512 || signature.Length != modulus.Length)
            return false;
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Exponent = key[at..(at + exponentLength)], Modulus = modulus });
        return rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
    }

    /// <summary>RFC 6605: the key is Q = x | y and the signature r | s, each of the curve's size.</summary>
    private static bool VerifyEcdsa(byte[] key, ReadOnlySpan<byte> data, byte[] signature, ECCurve curve, HashAlgorithmName hash, int size)
    {
        if (key.Length != 2 * size || signature.Length != 2 * size)
            return false;
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = key[..size], Y = key[size..] } });
        return ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
