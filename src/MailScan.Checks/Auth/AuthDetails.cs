using System.Text.Json.Nodes;
using MailScan.Checks.Policy;
using MailScan.Dns;

namespace MailScan.Checks.Auth;

/// <summary>The evidence shapes the authenticity verdicts put into details.</summary>
internal static class AuthDetails
{
    public static JsonObject Txt(TxtEvidence lookup) => new()
    {
        ["name"] = lookup.Name,
        ["status"] = lookup.Status,
        ["records"] = Strings(lookup.Records),
    };

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    public static string Word(string status) => status switch
    {
        DnsStatus.Timeout => "no answer",
        "NETWORK_ERROR" => "the resolver is unreachable",
        _ => status,
    };
}
