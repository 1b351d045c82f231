using MailScan.Checks.Policy;
using MailScan.Checks.Policy.Dmarc;

namespace MailScan.Checks.Auth;

/// <summary>DMARC policy discovery (RFC 7489 §6.6.3) over the evidence: the domain's record, else the organisational domain's. Pure.</summary>
public static class DmarcDiscovery
{
    public static DmarcFinding Find(DmarcEvidence evidence)
    {
        var own = Look(evidence.Domain, inherited: false);
        if (own.Kind != DmarcFindingKind.None || evidence.Organisational is null)
            return own;
        var org = Look(evidence.Organisational, inherited: true);
        return org.Kind == DmarcFindingKind.None
            ? new DmarcFinding(DmarcFindingKind.None, null, null, false,
                $"no DMARC record at {evidence.Domain.Name} nor at the organisational domain's {evidence.Organisational.Name}")
            : org;
    }

    private static DmarcFinding Look(TxtEvidence lookup, bool inherited)
    {
        if (!lookup.IsConclusive)
            return new DmarcFinding(DmarcFindingKind.DnsFailure, null, lookup.Name, inherited, $"the TXT lookup of {lookup.Name} failed ({AuthDetails.Word(lookup.Status)})");
        var records = lookup.Records.Where(DmarcParser.IsDmarcRecord).ToList();
        return records.Count switch
        {
            0 => new DmarcFinding(DmarcFindingKind.None, null, null, inherited, $"no DMARC record at {lookup.Name}"),
            1 => new DmarcFinding(DmarcFindingKind.Found, records[0], lookup.Name, inherited,
                inherited ? $"no record of its own; the organisational domain's record at {lookup.Name} applies" : $"DMARC record found at {lookup.Name}"),
            _ => new DmarcFinding(DmarcFindingKind.Several, null, lookup.Name, inherited, $"{records.Count} DMARC records at {lookup.Name}; there must be exactly one"),
        };
    }
}
