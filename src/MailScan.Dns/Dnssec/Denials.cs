using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>Validates the NSEC or NSEC3 records of an authority section with a zone's keys, then runs a proof over them.</summary>
public static class Denials
{
    /// <summary>
    /// The proof's outcome and when the signatures behind it expire (Unix seconds), or the failure
    /// of the records themselves (a bad signature on an NSEC3 is that failure). Records of other
    /// zones are ignored; none at all is a missing proof.
    /// </summary>
    public static async Task<(DenialProof? Proof, DnssecFailure? Failure, long ExpiresUnix)> CheckAsync(
        IReadOnlyList<WireRecord> authority,
        DnsName zone,
        IReadOnlyList<Dnskey> keys,
        ValidationContext context,
        Func<IReadOnlyList<Nsec>, IReadOnlyList<Nsec3>, DenialProof> prove)
    {
        var sets = Rrset.Group(authority).Where(s => s.Type is DnsRecordType.NSEC or DnsRecordType.NSEC3 && s.Owner.IsAtOrBelow(zone)).ToList();
        if (sets.Count == 0)
            return (DenialProof.Failed("the answer carries no NSEC or NSEC3 records to prove it"), null, long.MaxValue);
        var expires = long.MaxValue;
        var nsecs = new List<Nsec>();
        var nsec3s = new List<Nsec3>();
        foreach (var set in sets)
        {
            var (used, failure) = await context.VerifyAsync(set, zone, keys).ConfigureAwait(false);
            if (failure is not null)
                return (null, failure, long.MaxValue);
            expires = Math.Min(expires, Rrsig.ToTime(used!.Expiration, context.Now).ToUnixTimeSeconds());
            foreach (var record in set.Records)
            {
                if (set.Type == DnsRecordType.NSEC && Nsec.Parse(record.Owner, record.Data).Value is { } nsec)
                    nsecs.Add(nsec);
                else if (set.Type == DnsRecordType.NSEC3 && Nsec3.Parse(record.Owner, record.Data).Value is { } nsec3)
                    nsec3s.Add(nsec3);
            }
        }
        if (nsecs.Count == 0 && nsec3s.Count > 0)
        {
            var (usable, stop) = Nsec3Proofs.Usable(nsec3s);
            if (stop is not null)
                return (stop, null, expires);
            nsec3s = [.. usable];
        }
        if (nsecs.Count == 0 && nsec3s.Count == 0)
            return (DenialProof.Failed("the NSEC/NSEC3 records of the answer are malformed"), null, expires);
        return (prove(nsecs, nsec3s), null, expires);
    }
}
