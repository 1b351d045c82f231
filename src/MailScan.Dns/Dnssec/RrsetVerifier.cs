using MailScan.Dns.Dnssec.Crypto;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>
/// Checks an RRset's signatures against a zone's trusted keys (RFC 4035 §5.3): signer, type,
/// labels, validity window, key tag and algorithm, then the cryptography. Pure: the time is given.
/// One good signature suffices (RFC 6840 §5.11); the failure reported is the most telling one.
/// </summary>
public static class RrsetVerifier
{
    /// <summary>The signature that verified, or the failure.</summary>
    public static (Rrsig? Used, DnssecFailure? Failure) Verify(Rrset rrset, DnsName zone, IReadOnlyList<Dnskey> keys, long now, ValidationBudget budget)
    {
        var candidates = rrset.Signatures.Where(s => s.Signer == zone && s.TypeCovered == rrset.Type).ToList();
        if (candidates.Count == 0)
        {
            var why = rrset.Signatures.Count > 0
                ? $"its RRSIGs are by {string.Join(", ", rrset.Signatures.Select(s => s.Signer.Display).Distinct())}, not by the zone"
                : rrset.MalformedSignatures > 0 ? $"its {rrset.MalformedSignatures} RRSIG(s) are malformed" : "it has no RRSIG";
            return (null, Fail(ExtendedDnsError.RRSIGsMissing, zone, rrset, why));
        }

        DnssecFailure? best = null;
        var bestRank = -1;
        foreach (var rrsig in candidates)
        {
            var (ok, failure, rank) = Check(rrsig, rrset, zone, keys, now, budget);
            if (ok)
                return (rrsig, null);
            if (rank > bestRank)
            {
                best = failure;
                bestRank = rank;
            }
        }
        return (null, best);
    }

    private static (bool Ok, DnssecFailure? Failure, int Rank) Check(Rrsig rrsig, Rrset rrset, DnsName zone, IReadOnlyList<Dnskey> keys, long now, ValidationBudget budget)
    {
        var by = $"the RRSIG by key {rrsig.KeyTag} ({DnssecAlgorithms.Name(rrsig.Algorithm)})";
        if (!rrset.Owner.IsAtOrBelow(zone))
            return (false, Fail(ExtendedDnsError.DNSSECBogus, zone, rrset, $"{by}: the owner is outside the signer's zone"), 1);
        if (rrsig.Labels > rrset.Owner.LabelCount - (rrset.Owner.IsWildcard ? 1 : 0))
            return (false, Fail(ExtendedDnsError.DNSSECBogus, zone, rrset, $"{by} claims {rrsig.Labels} labels, more than the owner has"), 1);
        var matching = keys.Where(k => k.KeyTag == rrsig.KeyTag && k.Algorithm == rrsig.Algorithm && k.Protocol == 3).ToList();
        if (matching.Count == 0)
            return (false, Fail(ExtendedDnsError.DNSKEYMissing, zone, rrset, $"{by}: the zone has no such key"), 2);
        if (matching.All(k => !k.IsZoneKey))
            return (false, Fail(ExtendedDnsError.NoZoneKeyBitSet, zone, rrset, $"{by}: the key does not have the zone key bit"), 3);
        if (rrsig.IsExpiredAt(now))
            return (false, Fail(ExtendedDnsError.SignatureExpired, zone, rrset, $"{by} expired on {Rrsig.ToTime(rrsig.Expiration, now):yyyy-MM-dd HH:mm} UTC"), 5);
        if (rrsig.IsNotYetValidAt(now))
            return (false, Fail(ExtendedDnsError.SignatureNotYetValid, zone, rrset, $"{by} is valid only from {Rrsig.ToTime(rrsig.Inception, now):yyyy-MM-dd HH:mm} UTC"), 5);
        if (!DnssecAlgorithms.IsSupported(rrsig.Algorithm))
            return (false, Fail(ExtendedDnsError.UnsupportedDNSKEYAlgorithm, zone, rrset, $"{by}: algorithm not supported"), 2);

        var data = CanonicalForm.SignedData(rrsig, rrset);
        foreach (var key in matching.Where(k => k.IsZoneKey))
        {
            if (!budget.TakeSignatureCheck())
                return (false, Fail(ExtendedDnsError.DNSSECBogus, zone, rrset, "too many signatures to check (validation limit reached)"), 6);
            if (key.Verifier.Verify(data, rrsig.Signature))
                return (true, null, 0);
        }
        return (false, Fail(ExtendedDnsError.DNSSECBogus, zone, rrset, $"{by} does not verify (the data or the signature was altered)"), 4);
    }

    private static DnssecFailure Fail(ExtendedDnsError error, DnsName zone, Rrset rrset, string detail) =>
        DnssecFailure.Of(error, zone, rrset.Owner, rrset.Type, detail);
}
