using System.Text.RegularExpressions;
using MailScan.Checks.StartTls;
using MailScan.Dns;

namespace MailScan.Checks.StartTls.Caa;

/// <summary>CAA for an MX name (RFC 8659): present, valid, and naming at least one issuer. Pure.</summary>
public static partial class CaaVerdicts
{
    private static readonly HashSet<string> KnownTags = ["issue", "issuewild", "iodef", "contactemail", "contactphone", "issuemail", "issuevmc"];

    public static ServerVerdict Judge(CaaEvidence? caa)
    {
        if (caa is null)
            return ServerVerdict.NotTestable("CAA could not be looked up");
        if (caa.Records.Count == 0)
            return DnsStatus.IsConclusive(caa.DnsStatus)
                ? ServerVerdict.Fail($"no CAA record for {caa.MxName} or its parents: any CA may issue its certificates")
                : ServerVerdict.NotTestable($"the CAA lookup failed ({caa.DnsStatus})");
        var errors = caa.Records.Select(Problem).OfType<string>().ToList();
        if (errors.Count > 0)
            return ServerVerdict.Fail($"CAA at {caa.FoundAt} has errors: {string.Join("; ", errors)}");
        if (!caa.Records.Any(r => r.Tag.Equals("issue", StringComparison.OrdinalIgnoreCase)))
            return ServerVerdict.Fail($"CAA at {caa.FoundAt} has no 'issue' record");
        return ServerVerdict.Pass($"CAA at {caa.FoundAt}: {string.Join(", ", caa.Records.Select(r => $"{r.Tag} \"{r.Value}\""))}");
    }

    private static string? Problem(CaaRecordData record)
    {
        var tag = record.Tag.ToLowerInvariant();
        if ((record.Flags & 0x7F) != 0)
            return $"flags {record.Flags} use reserved bits";
        if (!TagPattern().IsMatch(record.Tag))
            return $"tag '{record.Tag}' is not alphanumeric";
        if (!KnownTags.Contains(tag))
            return (record.Flags & 0x80) != 0 ? $"unknown critical tag '{record.Tag}'" : null;
        if (tag is "issue" or "issuewild" or "issuemail" or "issuevmc" && !IssuerPattern().IsMatch(record.Value))
            return $"{tag} value '{record.Value}' is not 'domain; key=value'";
        if (tag == "iodef" && !(record.Value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || record.Value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || record.Value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
            return $"iodef '{record.Value}' is not a mailto: or http(s): URL";
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,15}$")]
    private static partial Regex TagPattern();

    // RFC 8659 §4.2: issuer-domain-name, then parameters "key=value" separated by ";".
    [GeneratedRegex(@"^\s*([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)?\s*(;\s*([A-Za-z0-9]+\s*=\s*[\x21-\x3A\x3C-\x7E]*\s*)?)*$")]
    private static partial Regex IssuerPattern();
}
