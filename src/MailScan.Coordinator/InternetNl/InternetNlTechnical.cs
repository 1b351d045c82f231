using System.Text.Json.Nodes;
using Google.Protobuf;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.InternetNl;

/// <summary>
/// One domain of Internet.nl's technical batch results (API v2 <c>DomainMailTechnical</c>), read
/// from the evidence our sub-tests keep: the domain's DNSSEC, DMARC, SPF and DKIM; its name
/// servers and those of its mail servers' zones, with their addresses and route origins; its mail
/// servers with addresses, DNSSEC and the STARTTLS facts. A value we do not measure is left out
/// rather than guessed (docs/INTERNETNL-REST.md lists them). Pure.
/// </summary>
public static class InternetNlTechnical
{
    public static JsonObject From(V1.DomainReport report)
    {
        if (report.Error.Length > 0 || report.Categories.Count == 0)
            return new JsonObject { ["status"] = "error" };
        var tests = report.Categories.SelectMany(c => c.Tests).ToDictionary(t => t.Id, StringComparer.Ordinal);
        return new JsonObject
        {
            ["status"] = "ok",
            ["domain"] = new JsonObject
            {
                ["dnssec"] = Dnssec(Details(tests, "mail_dnssec_mailto_exist")?["status"]),
                ["dmarc"] = Dmarc(tests),
                ["spf"] = Spf(tests),
                ["dkim"] = new JsonObject { ["discovered"] = tests.GetValueOrDefault("mail_auth_dkim_exist")?.Status == V1.Status.Passed },
            },
            ["nameservers"] = InternetNlAddresses.NameServers(report.Servers?.Ns ?? [], Details(tests, "mail_ns_rpki_valid"), Details(tests, "mail_ipv6_ns_reach")),
            ["mx_nameservers"] = InternetNlAddresses.NameServers([], Details(tests, "mail_mx_ns_rpki_valid"), null),
            ["receiving_mailservers"] = InternetNlMailServers.From(report.Servers?.Mx ?? [], tests),
        };
    }

    /// <summary>A name's DNSSEC status in the API's words: secure, insecure, bogus, else error.</summary>
    internal static JsonObject Dnssec(JsonNode? status) => new()
    {
        ["status"] = ((string?)status) switch
        {
            "SECURE" => "secure",
            "INSECURE" => "insecure",
            "BOGUS" => "bogus",
            _ => "error",
        },
    };

    private static JsonObject Dmarc(IReadOnlyDictionary<string, V1.SubtestResult> tests)
    {
        var details = Details(tests, "mail_auth_dmarc_exist");
        var records = Strings(details?["domain"]?["records"]);
        var dmarc = new JsonObject { ["records"] = records };
        if (records.Count == 0 && Strings(details?["organisational"]?["records"]) is { Count: > 0 } inherited)
        {
            dmarc["records"] = inherited;
            dmarc["record_org_domain"] = (string?)details?["organisationalDomain"];
        }
        if (((JsonArray)dmarc["records"]!).Count > 0 && tests.GetValueOrDefault("mail_auth_dmarc_policy") is { } policy)
        {
            dmarc["policy_status"] = (tests.GetValueOrDefault("mail_auth_dmarc_exist")?.Status, policy.Status, tests.GetValueOrDefault("mail_auth_dmarc_ext_destination")?.Status) switch
            {
                (V1.Status.Failed, _, _) => "invalid_syntax",
                (_, V1.Status.Failed, _) => "invalid_p_sp",
                (_, _, V1.Status.Failed) => "invalid_external",
                _ => "valid",
            };
        }
        return dmarc;
    }

    private static JsonObject Spf(IReadOnlyDictionary<string, V1.SubtestResult> tests)
    {
        var records = Strings(Details(tests, "mail_auth_spf_exist")?["records"]);
        var spf = new JsonObject { ["records"] = records };
        if (records.Count > 0)
        {
            spf["policy_status"] = (tests.GetValueOrDefault("mail_auth_spf_exist")?.Status, tests.GetValueOrDefault("mail_auth_spf_policy")?.Status) switch
            {
                (V1.Status.Failed, _) => "invalid_syntax",
                (_, V1.Status.Failed or V1.Status.Warning) => "invalid_all",
                _ => "valid",
            };
        }
        return spf;
    }

    /// <summary>A sub-test's details as JSON, or null when the report has no such sub-test or it kept none.</summary>
    internal static JsonNode? Details(IReadOnlyDictionary<string, V1.SubtestResult> tests, string id) =>
        tests.GetValueOrDefault(id)?.Details is { } details ? JsonNode.Parse(JsonFormatter.Default.Format(details)) : null;

    internal static JsonArray Strings(JsonNode? values) =>
        new([.. (values as JsonArray ?? []).OfType<JsonValue>().Select(v => (JsonNode)JsonValue.Create(v.ToString()))]);
}
