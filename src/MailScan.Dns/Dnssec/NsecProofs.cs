using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>Denial of existence with NSEC (RFC 4035 §5.4, RFC 6840 §4): pure checks over records already validated.</summary>
public static class NsecProofs
{
    /// <summary>NXDOMAIN: an NSEC covers the name, and one covers the wildcard at the closest encloser.</summary>
    public static DenialProof NameError(DnsName name, IReadOnlyList<Nsec> nsecs)
    {
        var covering = Covering(name, nsecs);
        if (covering is null)
            return DenialProof.Failed($"no NSEC proves that {name.Display} does not exist");
        var encloser = ClosestEncloser(name, covering);
        var wildcard = encloser.Wildcard();
        if (wildcard is null || Covering(wildcard, nsecs) is null)
            return DenialProof.Failed($"no NSEC proves that there is no wildcard *.{encloser.Display}");
        return DenialProof.Proven($"NSEC {covering.Owner.Display} -> {covering.Next.Display} covers the name");
    }

    /// <summary>NODATA: the name's NSEC lacks the type (and CNAME), or the name is an empty non-terminal, or a wildcard matches without the type.</summary>
    public static DenialProof NoData(DnsName name, ushort type, IReadOnlyList<Nsec> nsecs)
    {
        var exact = nsecs.FirstOrDefault(n => n.Owner == name);
        if (exact is not null)
            return TypesLack(exact, type, $"NSEC at {name.Display}");
        var covering = Covering(name, nsecs);
        if (covering is not null && covering.Next.IsBelow(name))
            return DenialProof.Proven($"{name.Display} is an empty non-terminal");
        if (covering is not null && ClosestEncloser(name, covering).Wildcard() is { } wildcard
            && nsecs.FirstOrDefault(n => n.Owner == wildcard) is { } atWildcard)
        {
            return TypesLack(atWildcard, type, $"NSEC at wildcard {wildcard.Display}");
        }
        return DenialProof.Failed($"no NSEC proves that {name.Display} has no {DnsRecordType.Name(type)}");
    }

    /// <summary>A wildcard answer: an NSEC proves the queried name itself does not exist.</summary>
    public static DenialProof WildcardExpansion(DnsName name, IReadOnlyList<Nsec> nsecs) =>
        Covering(name, nsecs) is { } covering
            ? DenialProof.Proven($"NSEC {covering.Owner.Display} -> {covering.Next.Display} proves {name.Display} was synthesised from a wildcard")
            : DenialProof.Failed($"the answer was synthesised from a wildcard, but no NSEC proves that {name.Display} itself does not exist");

    /// <summary>For a DS query: an unsigned delegation, no cut at all, or a failure.</summary>
    public static DenialProof NoDs(DnsName name, IReadOnlyList<Nsec> nsecs)
    {
        var exact = nsecs.FirstOrDefault(n => n.Owner == name);
        if (exact is not null)
        {
            if (exact.Types.Has(DnsRecordType.DS))
                return DenialProof.Failed($"the NSEC at {name.Display} says a DS exists");
            if (exact.Types.Has(DnsRecordType.SOA))
                return DenialProof.Failed($"the NSEC at {name.Display} comes from the child zone, not the parent");
            return exact.Types.Has(DnsRecordType.NS)
                ? new DenialProof(DenialOutcome.InsecureDelegation, $"{name.Display} is delegated without DS (NSEC)")
                : DenialProof.Proven($"{name.Display} is not a zone cut");
        }
        return Covering(name, nsecs) is not null
            ? DenialProof.Proven($"{name.Display} does not exist or is an empty non-terminal")
            : DenialProof.Failed($"no NSEC proves that {name.Display} has no DS");
    }

    private static DenialProof TypesLack(Nsec nsec, ushort type, string what)
    {
        if (nsec.Types.Has(type))
            return DenialProof.Failed($"the {what} says {DnsRecordType.Name(type)} exists");
        if (nsec.Types.Has(DnsRecordType.CNAME))
            return DenialProof.Failed($"the {what} says a CNAME exists");
        if (type != DnsRecordType.DS && nsec.IsDelegation)
            return DenialProof.Failed($"the {what} is the parent's side of a delegation and cannot deny data in the child");
        return DenialProof.Proven($"the {what} lacks {DnsRecordType.Name(type)}");
    }

    /// <summary>An NSEC that covers the name, ignoring a delegation's NSEC for names below the cut (RFC 6840 §4.1).</summary>
    private static Nsec? Covering(DnsName name, IReadOnlyList<Nsec> nsecs) =>
        nsecs.FirstOrDefault(n => n.Covers(name)
            && !(name.IsBelow(n.Owner) && (n.IsDelegation || n.Types.Has(DnsRecordType.DNAME))));

    /// <summary>The longest ancestor of the name shared with the NSEC's owner or next name.</summary>
    private static DnsName ClosestEncloser(DnsName name, Nsec covering)
    {
        var a = name.CommonAncestor(covering.Owner);
        var b = name.CommonAncestor(covering.Next);
        return a.LabelCount >= b.LabelCount ? a : b;
    }
}
