using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>A configured trust anchor: a DS or a DNSKEY for a zone.</summary>
public sealed record TrustAnchor(DnsName Zone, DelegationSigner? Ds, Dnskey? Key)
{
    /// <summary>Whether a DNSKEY of the zone is this anchor (the same key, or the key the DS names).</summary>
    public bool Trusts(Dnskey key) =>
        Key is not null ? Key.Rdata.AsSpan().SequenceEqual(key.Rdata) : Crypto.DsDigest.Matches(Ds!, Zone, key);

    /// <summary>Whether a validator can use the anchor (a supported algorithm and digest).</summary>
    public bool IsUsable => Key is not null
        ? Crypto.DnssecAlgorithms.IsSupported(Key.Algorithm)
        : Crypto.DnssecAlgorithms.IsSupported(Ds!.Algorithm) && Crypto.DsDigest.IsSupported(Ds.DigestType);
}
