using System.Security.Cryptography;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec.Crypto;

/// <summary>DS digests (RFC 4034 §5.1.4): SHA-1 (1), SHA-256 (2, RFC 4509), SHA-384 (4, RFC 6605).</summary>
public static class DsDigest
{
    public static bool IsSupported(byte digestType) => digestType is 1 or 2 or 4;

    public static string Name(byte digestType) => digestType switch
    {
        1 => "SHA-1",
        2 => "SHA-256",
        3 => "GOST R 34.11-94",
        4 => "SHA-384",
        _ => $"digest type {digestType}",
    };

    /// <summary>The digest of owner name (canonical) and DNSKEY RDATA; null for an unsupported type.</summary>
    public static byte[]? Compute(byte digestType, DnsName owner, Dnskey key)
    {
        var input = new byte[owner.WireLength + key.Rdata.Length];
        owner.WriteWire(input, canonical: true);
        key.Rdata.CopyTo(input, owner.WireLength);
        return digestType switch
        {
            1 => SHA1.HashData(input),
            2 => SHA256.HashData(input),
            4 => SHA384.HashData(input),
            _ => null,
        };
    }

    /// <summary>Whether the DS names this key: tag, algorithm and digest all match.</summary>
    public static bool Matches(DelegationSigner ds, DnsName owner, Dnskey key) =>
        ds.KeyTag == key.KeyTag && ds.Algorithm == key.Algorithm
        && Compute(ds.DigestType, owner, key) is { } digest && CryptographicOperations.FixedTimeEquals(digest, ds.Digest);
}
