using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace MailScan.Dns.Dnssec.Crypto;

/// <summary>
/// A DNSKEY's public key, imported once on first use and kept with the key: importing (curve point
/// checks, RSA parameter set-up) costs as much as a verification, and a zone's keys sign many RRsets.
/// A key that does not import is remembered as unusable, so every signature by it fails at once.
/// </summary>
public sealed class DnssecPublicKey(byte algorithm, byte[] publicKey)
{
    private readonly Lock _gate = new();
    private object? _imported;
    private bool _unusable;
    private int _rsaModulusLength;

    /// <summary>Verifies a signature over the data; false for a bad signature, a malformed key or an unsupported algorithm.</summary>
    public bool Verify(ReadOnlySpan<byte> data, byte[] signature)
    {
        // .NET does not promise that one RSA or ECDsa object may verify on two threads at once.
        lock (_gate)
        {
            if (_unusable)
                return false;
            try
            {
                _imported ??= Import();
                return _imported is not null && VerifyWith(_imported, data, signature);
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                return false;
            }
        }
    }

    private object? Import()
    {
        var imported = algorithm switch
        {
            5 or 7 or 8 or 10 => ImportRsa(publicKey, out _rsaModulusLength),
            13 => ImportEcdsa(publicKey, ECCurve.NamedCurves.nistP256, 32),
            14 => ImportEcdsa(publicKey, ECCurve.NamedCurves.nistP384, 48),
            15 => publicKey.Length == Ed25519.PublicKeySize ? Ed25519.ValidatePublicKeyPartialExport(publicKey, 0) : null,
            16 => publicKey.Length == Ed448.PublicKeySize ? Ed448.ValidatePublicKeyPartialExport(publicKey, 0) : null,
            _ => (object?)null,
        };
        _unusable = imported is null;
        return imported;
    }

    private bool VerifyWith(object key, ReadOnlySpan<byte> data, byte[] signature) => key switch
    {
        RSA rsa => signature.Length == _rsaModulusLength && rsa.VerifyData(data, signature, RsaHash(algorithm), RSASignaturePadding.Pkcs1),
        ECDsa ecdsa => signature.Length == (algorithm == 13 ? 64 : 96)
            && ecdsa.VerifyData(data, signature, algorithm == 13 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        Ed25519.PublicPoint point => signature.Length == Ed25519.SignatureSize && Ed25519.Verify(signature, 0, point, data.ToArray(), 0, data.Length),
        Ed448.PublicPoint point => signature.Length == Ed448.SignatureSize && Ed448.Verify(signature, 0, point, [], data.ToArray(), 0, data.Length),
        _ => false,
    };

    private static HashAlgorithmName RsaHash(byte algorithm) => algorithm switch
    {
        8 => HashAlgorithmName.SHA256,
        10 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA1,
    };

    /// <summary>RFC 3110 §2: exponent length (1 octet, or 0 then 2 octets), exponent, modulus.</summary>
    private static RSA? ImportRsa(byte[] key, out int modulusLength)
    {
        modulusLength = 0;
        if (key.Length < 3)
            return null;
        int exponentLength = key[0];
        var at = 1;
        if (exponentLength == 0)
        {
            exponentLength = (key[1] << 8) | key[2];
            at = 3;
        }
        if (exponentLength == 0 || at + exponentLength >= key.Length)
            return null;
        var modulus = key[(at + exponentLength)..];
        // RFC 3110 / RFC 5702: moduli of 512 to 4096 bits; anything else is not a usable key.
        if (modulus.Length is < 64 or > 512)
            return null;
        modulusLength = modulus.Length;
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Exponent = key[at..(at + exponentLength)], Modulus = modulus });
        return rsa;
    }

    /// <summary>RFC 6605: the key is Q = x | y, each of the curve's size.</summary>
    private static ECDsa? ImportEcdsa(byte[] key, ECCurve curve, int size) =>
        key.Length != 2 * size ? null : ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = key[..size], Y = key[size..] } });
}
