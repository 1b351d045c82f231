using System.Security.Cryptography;
using System.Text;

namespace MailScan.Tls.Renegotiation;

/// <summary>The TLS 1.2 pseudo-random function (RFC 5246 §5): P_hash with HMAC over SHA-256 or SHA-384.</summary>
internal static class Tls12Prf
{
    public static byte[] Derive(HashAlgorithmName hash, byte[] secret, string label, byte[] seed, int length)
    {
        byte[] labelled = [.. Encoding.ASCII.GetBytes(label), .. seed];
        var output = new byte[length];
        var a = labelled;
        for (var written = 0; written < length;)
        {
            a = Hmac(hash, secret, a);
            var block = Hmac(hash, secret, [.. a, .. labelled]);
            var take = Math.Min(block.Length, length - written);
            block.AsSpan(0, take).CopyTo(output.AsSpan(written));
            written += take;
        }
        return output;
    }

    public static byte[] Hash(HashAlgorithmName hash, byte[] data) =>
        hash == HashAlgorithmName.SHA384 ? SHA384.HashData(data) : SHA256.HashData(data);

    private static byte[] Hmac(HashAlgorithmName hash, byte[] key, byte[] data) =>
        hash == HashAlgorithmName.SHA384 ? HMACSHA384.HashData(key, data) : HMACSHA256.HashData(key, data);
}
