using System.Text.Json.Nodes;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.InternetNl;

/// <summary>
/// <c>receiving_mailservers</c> of the technical results: per MX host its addresses (with route
/// origins), its DNSSEC status, whether it was reached and offered STARTTLS, and the facts of
/// the STARTTLS sub-tests that apply to the whole host. Per-address verdicts are folded into one:
/// a fact holds when it holds on every address that was measured; an address that could not be
/// measured is left out. Pure.
/// </summary>
public static class InternetNlMailServers
{
    public static JsonObject From(IEnumerable<V1.Host> mx, IReadOnlyDictionary<string, V1.SubtestResult> tests)
    {
        var rpki = InternetNlTechnical.Details(tests, "mail_rpki_valid");
        var dnssec = InternetNlAddresses.Entries(InternetNlTechnical.Details(tests, "mail_dnssec_mx_exist")?["names"]).ToList();
        var available = Verdicts(tests, "mail_starttls_tls_available");
        var servers = new JsonObject();
        foreach (var host in mx.Where(h => h.Name.Length > 0))
        {
            var server = new JsonObject
            {
                ["addresses"] = new JsonObject
                {
                    ["ipv4"] = new JsonArray([.. host.Ipv4.Select(a => InternetNlAddresses.Address(a, rpki, null))]),
                    ["ipv6"] = new JsonArray([.. host.Ipv6.Select(a => InternetNlAddresses.Address(a, rpki, null))]),
                },
                ["dnssec"] = InternetNlTechnical.Dnssec(dnssec.FirstOrDefault(n => (string?)n["name"] == host.Name)?["status"]),
            };
            var probed = available.Where(v => v.Mx == host.Name).ToList();
            if (probed.Count > 0)
            {
                // An address that could not be measured (refused, 421, time-out) says nothing about the others.
                var reached = probed.Where(v => v.Status != "NotTestable").ToList();
                var starttls = reached.Any(v => v.Status == "Passed");
                var testable = starttls && reached.All(v => v.Status is "Passed" or "Failed");
                server["server_reachable"] = reached.Count > 0;
                server["starttls_enabled"] = starttls;
                server["server_testable"] = testable;
                server["details"] = testable ? Details(host.Name, tests) : new JsonObject();
            }
            servers[host.Name] = server;
        }
        return servers;
    }

    private static JsonObject Details(string host, IReadOnlyDictionary<string, V1.SubtestResult> tests)
    {
        var details = new JsonObject();
        if (All(tests, "mail_starttls_tls_compress", host) is { } noCompression)
            details["compression"] = !noCompression;
        if (All(tests, "mail_starttls_tls_secreneg", host) is { } secure)
            details["secure_reneg"] = secure;
        if (All(tests, "mail_starttls_tls_clientreneg", host) is { } noClientReneg)
            details["client_reneg"] = !noClientReneg;
        if (All(tests, "mail_starttls_cert_chain", host) is { } trusted)
            details["cert_trusted"] = trusted;
        var dane = Verdicts(tests, "mail_starttls_dane_exist").Where(v => v.Mx == host).ToList();
        if (dane.Count > 0)
        {
            details["dane_status"] = dane.All(v => v.Status == "Failed") ? "none"
                : All(tests, "mail_starttls_dane_valid", host) is true ? "validated" : "failed";
        }
        return details;
    }

    /// <summary>True when every address of the host passed the sub-test, false when one failed, null when none was judged.</summary>
    private static bool? All(IReadOnlyDictionary<string, V1.SubtestResult> tests, string id, string host)
    {
        var judged = Verdicts(tests, id).Where(v => v.Mx == host && v.Status is "Passed" or "Failed" or "Warning").ToList();
        return judged.Count == 0 ? null : judged.All(v => v.Status == "Passed");
    }

    private static List<(string? Mx, string? Status)> Verdicts(IReadOnlyDictionary<string, V1.SubtestResult> tests, string id) =>
        InternetNlAddresses.Entries(InternetNlTechnical.Details(tests, id)?["servers"]).Select(s => ((string?)s["mx"], (string?)s["status"])).ToList();
}
