using System.Text.Json.Nodes;
using MailScan.Checks.Policy.Dkim;
using MailScan.Checks.Verdicts;
using MailScan.Dns;

namespace MailScan.Checks.Auth;

/// <summary>The DKIM rule of mailtest.md: the _domainkey node exists (RFC 8020), unless the domain sends no mail.</summary>
public static class DkimVerdicts
{
    public static SubtestResult Exist(DkimEvidence evidence, bool sendsNoMail)
    {
        var id = AuthSubtestIds.DkimExist;
        var node = evidence.Node;
        var details = new JsonObject { ["node"] = AuthDetails.Txt(node), ["selectorsAsked"] = AuthDetails.Strings(evidence.SelectorsAsked), ["keys"] = Keys(evidence) };
        var found = evidence.Keys.Select(k => k.Name).ToList();
        if (node.Status == DnsStatus.NoError)
        {
            var keys = found.Count > 0 ? $"; keys found: {string.Join(", ", found)}" : string.Empty;
            return new(id, TestStatus.Passed, $"{node.Name} exists, so the domain publishes DKIM keys{keys}", details);
        }
        if (node.Status != DnsStatus.NxDomain)
            return new(id, TestStatus.NotTestable, $"{node.Name} could not be looked up ({AuthDetails.Word(node.Status)})", details);
        if (found.Count > 0)
        {
            details["emptyNonTerminalNxdomain"] = true;
            return new(id, TestStatus.Passed, $"DKIM keys exist ({string.Join(", ", found)}), but the name server wrongly answers NXDOMAIN for {node.Name} (an empty non-terminal, RFC 8020); fix the name server", details);
        }
        return sendsNoMail
            ? new SubtestResult(id, TestStatus.NotTested, "the domain declares that it sends no mail (SPF \"v=spf1 -all\", DMARC reject), so DKIM is not needed", details) { Level = SubtestLevels.Dkim(sendsNoMail: true) }
            : new(id, TestStatus.Failed, $"{node.Name} does not exist (NXDOMAIN), so the domain publishes no DKIM key; sign outgoing mail with DKIM", details);
    }

    private static JsonArray Keys(DkimEvidence evidence)
    {
        var rows = new JsonArray();
        foreach (var key in evidence.Keys)
        {
            var parsed = DkimKeyParser.Parse(key.Records[0]);
            var row = new JsonObject { ["name"] = key.Name, ["record"] = key.Records[0] };
            if (parsed.IsValid)
            {
                row["keyType"] = parsed.Value.KeyType;
                row["keyBits"] = parsed.Value.KeyBits;
                row["revoked"] = parsed.Value.Revoked;
                row["testing"] = parsed.Value.Testing;
            }
            else
            {
                row["error"] = parsed.Error.ToString();
            }
            rows.Add(row);
        }
        return rows;
    }
}
