using MailScan.Dns.Wire;

namespace MailScan.Dns;

/// <summary>
/// Follows the CNAME chain of an answer from the question's name. A resolver answers a CNAME
/// loop with SERVFAIL; one that hands the loop over instead (broken or hostile) would otherwise
/// look like "no records of that type": a wrong verdict (e.g. "the domain has no MX").
/// </summary>
public static class CnameLoop
{
    /// <summary>The loop as "a -> b -> a", or null when the chain ends.</summary>
    public static string? Find(DnsName start, IReadOnlyList<WireRecord> answers)
    {
        var chain = new List<DnsName> { start };
        var current = start;
        for (var step = 0; step <= answers.Count; step++)
        {
            var cname = answers.FirstOrDefault(r => r.Type == DnsRecordType.CNAME && r.Owner == current);
            if (cname is null)
                return null;
            var (target, _, error) = DnsWireReader.ReadName(cname.Data, 0);
            if (error is not null || target is null)
                return null;
            var seen = chain.Contains(target);
            chain.Add(target);
            if (seen)
                return string.Join(" -> ", chain.Select(n => n.ToString().TrimEnd('.')));
            current = target;
        }
        return null;
    }
}
