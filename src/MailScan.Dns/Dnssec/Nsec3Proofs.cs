using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>
/// Denial of existence with NSEC3 (RFC 5155 §8, RFC 9276): closest encloser proofs, opt-out, and
/// the iteration limit above which answers are treated as insecure. Pure.
/// </summary>
public static class Nsec3Proofs
{
    /// <summary>Above this many extra iterations the answer is insecure (RFC 9276 §3.2; the limit BIND and Unbound apply).</summary>
    public const int MaxIterations = 150;

    /// <summary>The records a proof may use: known hash, one parameter set, one zone; or why none can be used.</summary>
    public static (IReadOnlyList<Nsec3> Usable, DenialProof? Stop) Usable(IReadOnlyList<Nsec3> records)
    {
        var known = records.Where(r => r.HashAlgorithm == 1).ToList();
        if (known.Count == 0)
            return ([], new DenialProof(DenialOutcome.Insecure, "the NSEC3 records use an unknown hash algorithm"));
        var first = known[0];
        if (first.Iterations > MaxIterations)
            return ([], new DenialProof(DenialOutcome.Insecure, $"NSEC3 with {first.Iterations} iterations (more than {MaxIterations}) is treated as insecure (RFC 9276)"));
        return (known.Where(r => r.SameParameters(first)).ToList(), null);
    }

    public static DenialProof NameError(DnsName name, IReadOnlyList<Nsec3> records)
    {
        var (encloser, nextCloser, error) = ClosestEncloser(name, records);
        if (error is not null)
            return DenialProof.Failed(error);
        if (nextCloser!.OptOut)
            return new DenialProof(DenialOutcome.Insecure, $"an opt-out NSEC3 covers {name.Display}");
        var wildcard = encloser!.Wildcard();
        if (wildcard is null || Covering(wildcard, records) is null)
            return DenialProof.Failed($"no NSEC3 proves that there is no wildcard *.{encloser.Display}");
        return DenialProof.Proven($"NSEC3 closest encloser {encloser.Display} and covered next closer name");
    }

    public static DenialProof NoData(DnsName name, ushort type, IReadOnlyList<Nsec3> records)
    {
        var exact = Matching(name, records);
        if (exact is not null)
            return TypesLack(exact, type, $"NSEC3 matching {name.Display}");
        var (encloser, nextCloser, error) = ClosestEncloser(name, records);
        if (error is not null)
            return DenialProof.Failed($"no NSEC3 matches {name.Display}, and {error}");
        var wildcard = encloser!.Wildcard();
        if (wildcard is not null && Matching(wildcard, records) is { } atWildcard)
            return TypesLack(atWildcard, type, $"NSEC3 matching wildcard {wildcard.Display}");
        if (nextCloser!.OptOut && type == DnsRecordType.DS)
            return new DenialProof(DenialOutcome.InsecureDelegation, $"an opt-out NSEC3 covers {name.Display}");
        return DenialProof.Failed($"no NSEC3 proves that {name.Display} has no {DnsRecordType.Name(type)}");
    }

    /// <summary>A wildcard answer: the next closer name below the wildcard's parent is covered.</summary>
    public static DenialProof WildcardExpansion(DnsName name, int rrsigLabels, IReadOnlyList<Nsec3> records)
    {
        var nextCloser = name.Ancestor(rrsigLabels + 1);
        var cover = Covering(nextCloser, records);
        if (cover is null)
            return DenialProof.Failed($"the answer was synthesised from a wildcard, but no NSEC3 proves that {nextCloser.Display} does not exist");
        return cover.OptOut
            ? new DenialProof(DenialOutcome.Insecure, $"an opt-out NSEC3 covers {nextCloser.Display}")
            : DenialProof.Proven($"NSEC3 proves {name.Display} was synthesised from a wildcard");
    }

    /// <summary>For a DS query: an unsigned delegation (also by opt-out), no cut, or a failure (RFC 5155 §8.6).</summary>
    public static DenialProof NoDs(DnsName name, IReadOnlyList<Nsec3> records)
    {
        var exact = Matching(name, records);
        if (exact is not null)
        {
            if (exact.Types.Has(DnsRecordType.DS))
                return DenialProof.Failed($"the NSEC3 matching {name.Display} says a DS exists");
            if (exact.Types.Has(DnsRecordType.SOA))
                return DenialProof.Failed($"the NSEC3 matching {name.Display} comes from the child zone, not the parent");
            return exact.Types.Has(DnsRecordType.NS)
                ? new DenialProof(DenialOutcome.InsecureDelegation, $"{name.Display} is delegated without DS (NSEC3)")
                : DenialProof.Proven($"{name.Display} is not a zone cut");
        }
        var (_, nextCloser, error) = ClosestEncloser(name, records);
        if (error is not null)
            return DenialProof.Failed($"no NSEC3 matches {name.Display}, and {error}");
        return nextCloser!.OptOut
            ? new DenialProof(DenialOutcome.InsecureDelegation, $"an opt-out NSEC3 covers {name.Display}: it may be an unsigned delegation")
            : DenialProof.Proven($"{name.Display} does not exist");
    }

    private static DenialProof TypesLack(Nsec3 nsec3, ushort type, string what)
    {
        if (nsec3.Types.Has(type))
            return DenialProof.Failed($"the {what} says {DnsRecordType.Name(type)} exists");
        if (nsec3.Types.Has(DnsRecordType.CNAME))
            return DenialProof.Failed($"the {what} says a CNAME exists");
        if (type != DnsRecordType.DS && nsec3.IsDelegation)
            return DenialProof.Failed($"the {what} is the parent's side of a delegation");
        return DenialProof.Proven($"the {what} lacks {DnsRecordType.Name(type)}");
    }

    // Usable() leaves one parameter set, so one hash per name serves every record.
    private static Nsec3? Matching(DnsName name, IReadOnlyList<Nsec3> records)
    {
        if (records.Count == 0 || !name.IsAtOrBelow(records[0].Zone))
            return null;
        var hash = records[0].Hash(name);
        return records.FirstOrDefault(r => r.Matches(hash));
    }

    private static Nsec3? Covering(DnsName name, IReadOnlyList<Nsec3> records)
    {
        if (records.Count == 0)
            return null;
        var hash = records[0].Hash(name);
        return records.FirstOrDefault(r => r.Covers(hash));
    }

    /// <summary>RFC 5155 §8.3: the closest ancestor with a matching NSEC3 and the NSEC3 covering the next closer name.</summary>
    private static (DnsName? Encloser, Nsec3? NextCloserCover, string? Error) ClosestEncloser(DnsName name, IReadOnlyList<Nsec3> records)
    {
        if (records.Count == 0)
            return (null, null, "there are no NSEC3 records");
        var zone = records[0].Zone;
        for (var candidate = name.Parent(); candidate.IsAtOrBelow(zone); candidate = candidate.Parent())
        {
            var match = Matching(candidate, records);
            if (match is null)
            {
                if (candidate == zone)
                    break;
                continue;
            }
            if (match.IsDelegation || match.Types.Has(DnsRecordType.DNAME))
                return (null, null, $"the closest encloser {candidate.Display} is a delegation or DNAME");
            var nextCloser = name.Ancestor(candidate.LabelCount + 1);
            var cover = Covering(nextCloser, records);
            return cover is null
                ? (null, null, $"no NSEC3 covers the next closer name {nextCloser.Display}")
                : (candidate, cover, null);
        }
        return (null, null, $"no NSEC3 proves a closest encloser of {name.Display}");
    }
}
