using MailScan.Dns;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>
/// Validates one answer: follows its CNAME/DNAME chain (every link in its own zone), checks each
/// RRset against the chain of trust of its signer, wildcard expansions against their denial
/// proofs, and a final NXDOMAIN or NODATA against NSEC/NSEC3. The answer's status is its worst part.
/// </summary>
public sealed class AnswerValidator(ChainOfTrust chain)
{
    /// <summary>The longest CNAME chain followed (resolvers stop near here too).</summary>
    public const int MaxChain = 12;

    public async Task<ValidationResult> ValidateAsync(DnsName qname, ushort qtype, DnsAnswer answer, ValidationContext context)
    {
        if (ValidationContext.Unusable(answer, qname, qtype, qname) is { } unusable)
            return new ValidationResult(DnssecStatus.Indeterminate, unusable);
        var parts = new List<ValidationResult>();
        var message = answer.Message!;
        var name = qname;
        var seen = new List<DnsName> { qname };
        var asked = new HashSet<DnsName> { qname };
        if (ChainProblem(Rrset.Group(message.Answers), qname, qtype) is { } problem)
            return Invalid(qname, qtype, problem);
        for (var hop = 0; hop <= MaxChain; hop++)
        {
            var sets = Rrset.Group(message.Answers);
            if (sets.FirstOrDefault(s => s.Owner == name && s.Type == qtype) is { } data)
            {
                parts.Add(await PositiveAsync(data, message, context).ConfigureAwait(false));
                return ValidationResult.Worst(parts);
            }
            var (link, target) = NextLink(sets, name, qtype);
            if (link is not null)
            {
                parts.Add(await PositiveAsync(link, message, context).ConfigureAwait(false));
                if (target is null)
                    return ValidationResult.Worst([.. parts, Invalid(name, qtype, $"the {DnsRecordType.Name(link.Type)} at {name.Display} is malformed")]);
                if (seen.Contains(target))
                    return ValidationResult.Worst([.. parts, Invalid(name, qtype, $"{DnsRecordType.Name(link.Type)} loop: {string.Join(" -> ", seen.Select(n => n.Display))} -> {target.Display}")]);
                seen.Add(target);
                name = target;
                continue;
            }
            if (hop > 0 && !HasDenial(message) && asked.Add(name))
            {
                // The resolver stopped the chain early: ask for the rest ourselves.
                var rest = await context.QueryAsync(name, qtype).ConfigureAwait(false);
                if (ValidationContext.Unusable(rest, name, qtype, name) is { } failed)
                    return ValidationResult.Worst([.. parts, new ValidationResult(DnssecStatus.Indeterminate, failed)]);
                message = rest!.Message!;
                context.Bound(context.Now + message.MinimumTtl());
                hop--;
                continue;
            }
            parts.Add(await NegativeAsync(name, qtype, message, context).ConfigureAwait(false));
            return ValidationResult.Worst(parts);
        }
        return ValidationResult.Worst([.. parts, Invalid(qname, qtype, $"the CNAME chain is longer than {MaxChain} links")]);
    }

    /// <summary>
    /// Why the answer's own CNAME/DNAME chain cannot be followed, found before any signature is
    /// checked: a link that comes back to a name it passed, or one without a usable target (a DNAME
    /// rewriting to a name over 255 octets, which RFC 6672 §2.2 answers with YXDOMAIN); else null.
    /// </summary>
    private static string? ChainProblem(IReadOnlyList<Rrset> sets, DnsName name, ushort qtype)
    {
        var seen = new List<DnsName> { name };
        for (var hop = 0; hop <= MaxChain; hop++)
        {
            if (sets.Any(s => s.Owner == name && s.Type == qtype))
                return null;
            var (link, target) = NextLink(sets, name, qtype);
            if (link is null)
                return null;
            var what = DnsRecordType.Name(link.Type);
            if (target is null)
                return link.Type == DnsRecordType.DNAME
                    ? $"the DNAME at {link.Owner.Display} rewrites {name.Display} to a name longer than 255 octets"
                    : $"the {what} at {name.Display} is malformed";
            if (seen.Contains(target))
                return $"{what} loop: {string.Join(" -> ", seen.Select(n => n.Display))} -> {target.Display}";
            seen.Add(target);
            name = target;
        }
        return null;
    }

    /// <summary>The CNAME at the name, or a DNAME above it with the name it rewrites to.</summary>
    /// <remarks>
    /// A DNAME's CNAME is synthesised by the server and unsigned (RFC 6672 §5.3.1), so the target
    /// is computed from the signed DNAME, never read from that CNAME; a name too long after the
    /// substitution leaves no target (malformed).
    /// </remarks>
    private static (Rrset? Link, DnsName? Target) NextLink(IReadOnlyList<Rrset> sets, DnsName name, ushort qtype)
    {
        if (qtype != DnsRecordType.CNAME && sets.FirstOrDefault(s => s.Owner == name && s.Type == DnsRecordType.CNAME && s.Signatures.Count > 0) is { } signed)
            return (signed, Target(signed));
        if (sets.FirstOrDefault(s => s.Type == DnsRecordType.DNAME && name.IsBelow(s.Owner)) is { } dname)
        {
            var to = Target(dname);
            var labels = name.Labels.Take(name.LabelCount - dname.Owner.LabelCount).ToList();
            return (dname, to is null ? null : DnsName.FromLabels([.. labels, .. to.Labels]));
        }
        if (qtype != DnsRecordType.CNAME && sets.FirstOrDefault(s => s.Owner == name && s.Type == DnsRecordType.CNAME) is { } unsigned)
            return (unsigned, Target(unsigned));
        return (null, null);
    }

    private static DnsName? Target(Rrset link) =>
        link.Records.Count == 1 && DnsWireReader.ReadName(link.Records[0].Data, 0) is { Error: null, Name: { } target } ? target : null;

    private static bool HasDenial(DnsMessage message) =>
        message.Authorities.Any(r => r.Type is DnsRecordType.SOA or DnsRecordType.NSEC or DnsRecordType.NSEC3);

    private async Task<ValidationResult> PositiveAsync(Rrset set, DnsMessage message, ValidationContext context)
    {
        var owner = set.Owner;
        var isDs = set.Type == DnsRecordType.DS;
        if (set.Signatures.Count == 0)
            return Unsigned(await chain.TrustAtAsync(isDs ? owner.Parent() : owner, context).ConfigureAwait(false), owner, set.Type,
                set.MalformedSignatures > 0 ? $"its {set.MalformedSignatures} RRSIG(s) are malformed" : "it has no RRSIG", ExtendedDnsError.RRSIGsMissing);
        var signer = set.Signatures.Select(s => s.Signer).FirstOrDefault(s => owner.IsAtOrBelow(s) && !(isDs && owner == s));
        if (signer is null)
            return Bogus(ExtendedDnsError.DNSSECBogus, owner, owner, set.Type, $"its RRSIG names {set.Signatures[0].Signer.Display} as signer, which cannot sign this name");
        var (trust, keys, failure) = await SignerTrustAsync(signer, context).ConfigureAwait(false);
        if (failure is not null)
            return failure;
        var (used, bad) = await context.VerifyAsync(set, signer, keys!).ConfigureAwait(false);
        if (bad is not null)
            return new ValidationResult(DnssecStatus.Bogus, bad);
        if (used!.Labels >= owner.LabelCount - (owner.IsWildcard ? 1 : 0))
            return ValidationResult.Secure;
        // A wildcard expansion: the name itself must be proven absent (RFC 4035 §5.3.4).
        var (proof, proofFailure, _) = await Denials.CheckAsync(message.Authorities, signer, keys!, context, (nsecs, nsec3s) =>
            nsecs.Count > 0 ? NsecProofs.WildcardExpansion(owner, nsecs) : Nsec3Proofs.WildcardExpansion(owner, used.Labels, nsec3s)).ConfigureAwait(false);
        return Judge(proof, proofFailure, trust!.Zone, owner, set.Type);
    }

    private async Task<ValidationResult> NegativeAsync(DnsName name, ushort qtype, DnsMessage message, ValidationContext context)
    {
        var isDs = qtype == DnsRecordType.DS;
        var signer = Rrset.Group(message.Authorities)
            .Where(s => s.Type is DnsRecordType.SOA or DnsRecordType.NSEC or DnsRecordType.NSEC3)
            .SelectMany(s => s.Signatures).Select(s => s.Signer)
            .FirstOrDefault(s => name.IsAtOrBelow(s) && !(isDs && name == s));
        var what = message.Rcode == 3 ? "NXDOMAIN" : "NODATA";
        if (signer is null)
            return Unsigned(await chain.TrustAtAsync(isDs ? name.Parent() : name, context).ConfigureAwait(false), name, qtype,
                $"the {what} answer has no signed NSEC or NSEC3 records", ExtendedDnsError.NSECMissing);
        var (trust, keys, failure) = await SignerTrustAsync(signer, context).ConfigureAwait(false);
        if (failure is not null)
            return failure;
        // The SOA that comes with a denial is the zone's too: a forged one makes the answer bogus (as in BIND and Unbound).
        foreach (var soa in Rrset.Group(message.Authorities).Where(s => s.Type == DnsRecordType.SOA && s.Owner == signer))
        {
            var (_, soaFailure) = await context.VerifyAsync(soa, signer, keys!).ConfigureAwait(false);
            if (soaFailure is not null)
                return new ValidationResult(DnssecStatus.Bogus, soaFailure);
        }
        var (proof, proofFailure, _) = await Denials.CheckAsync(message.Authorities, signer, keys!, context, (nsecs, nsec3s) => (message.Rcode, nsecs.Count > 0) switch
        {
            (3, true) => NsecProofs.NameError(name, nsecs),
            (3, false) => Nsec3Proofs.NameError(name, nsec3s),
            (_, true) => isDs ? NsecProofs.NoDs(name, nsecs) : NsecProofs.NoData(name, qtype, nsecs),
            _ => isDs ? Nsec3Proofs.NoDs(name, nsec3s) : Nsec3Proofs.NoData(name, qtype, nsec3s),
        }).ConfigureAwait(false);
        return Judge(proof, proofFailure, trust!.Zone, name, qtype);
    }

    /// <summary>The signer's trust when it is a secure zone, else the result to return.</summary>
    private async Task<(ZoneTrust? Trust, IReadOnlyList<Dnskey>? Keys, ValidationResult? Failure)> SignerTrustAsync(DnsName signer, ValidationContext context)
    {
        var trust = await chain.TrustAtAsync(signer, context).ConfigureAwait(false);
        if (trust.Status != DnssecStatus.Secure)
            return (null, null, new ValidationResult(trust.Status, trust.Failure));
        if (trust.Zone != signer)
            return (null, null, Bogus(ExtendedDnsError.DNSSECBogus, trust.Zone, signer, DnsRecordType.DNSKEY,
                $"records are signed by {signer.Display}, but that is not a zone (no secure delegation to it from {trust.Zone.Display})"));
        return (trust, trust.Keys, null);
    }

    private static ValidationResult Unsigned(ZoneTrust trust, DnsName name, ushort type, string why, ExtendedDnsError error) => trust.Status switch
    {
        DnssecStatus.Secure => Bogus(error, trust.Zone, name, type, $"zone {trust.Zone.Display} is signed, but {why}"),
        _ => new ValidationResult(trust.Status, trust.Failure),
    };

    private static ValidationResult Judge(DenialProof? proof, DnssecFailure? failure, DnsName zone, DnsName name, ushort type)
    {
        if (failure is not null)
            return new ValidationResult(DnssecStatus.Bogus, failure);
        return proof!.Outcome switch
        {
            DenialOutcome.Proven or DenialOutcome.InsecureDelegation => ValidationResult.Secure,
            DenialOutcome.Insecure => new ValidationResult(DnssecStatus.Insecure, DnssecFailure.Of(ExtendedDnsError.Other, zone, name, type, proof.Detail)),
            _ => Bogus(ExtendedDnsError.NSECMissing, zone, name, type, proof.Detail),
        };
    }

    private static ValidationResult Bogus(ExtendedDnsError error, DnsName zone, DnsName name, ushort type, string detail) =>
        new(DnssecStatus.Bogus, DnssecFailure.Of(error, zone, name, type, detail));

    private static ValidationResult Invalid(DnsName name, ushort type, string detail) =>
        new(DnssecStatus.Indeterminate, DnssecFailure.Of(ExtendedDnsError.InvalidData, name, name, type, detail));
}
