using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using MailScan.Checks.Verdicts;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.InternetNl;

/// <summary>
/// Internet.nl's three custom batch results for mail: <c>mail_non_sending_domain</c>,
/// <c>mail_servers_testable_status</c> and <c>tls_1_3_support</c> (docs/INTERNETNL-BATCH.md).
/// </summary>
public static partial class InternetNlCustom
{
    public static JsonObject From(V1.DomainReport report)
    {
        var custom = new JsonObject { ["mail_non_sending_domain"] = NonSending(report) };
        if (TestableStatus(report) is { } testable)
            custom["mail_servers_testable_status"] = testable;
        custom["tls_1_3_support"] = Tls13Support.Of(report);
        return custom;
    }

    /// <summary>
    /// Internet.nl's definition: a valid SPF record that is only <c>-all</c> (an exp= aside) and a
    /// valid DMARC record with p=reject (sp=reject on an organisational domain when given).
    /// </summary>
    private static bool NonSending(V1.DomainReport report)
    {
        var auth = report.Categories.FirstOrDefault(c => c.Id == CategoryIds.Auth);
        var spf = auth?.Tests.FirstOrDefault(t => t.Id == "mail_auth_spf_exist");
        var dmarc = auth?.Tests.FirstOrDefault(t => t.Id == "mail_auth_dmarc_policy");
        if (spf is not { Status: V1.Status.Passed } || dmarc?.Details is null || auth!.Tests.Any(t => t.Id == "mail_auth_spf_policy" && t.Status != V1.Status.Passed))
            return false;
        var spfRecords = spf.Details?.Fields.GetValueOrDefault("records")?.ListValue?.Values;
        var policy = Text(dmarc.Details, "effectivePolicy");
        return spfRecords is { Count: 1 } && SpfNonSending().IsMatch(spfRecords[0].StringValue) && policy == "reject";
    }

    /// <summary>no_mx when the domain has no mail server; unreachable when one could not be tested; else ok.</summary>
    private static string? TestableStatus(V1.DomainReport report)
    {
        var tls = report.Categories.FirstOrDefault(c => c.Id == CategoryIds.StartTls);
        var available = tls?.Tests.FirstOrDefault(t => t.Id == "mail_starttls_tls_available");
        if (available is null)
            return null;
        if (report.Servers is { Mx.Count: 0 })
            return "no_mx";
        return available.Status == V1.Status.NotTestable ? "unreachable" : "ok";
    }

    private static string? Text(Struct details, string field) =>
        details.Fields.TryGetValue(field, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : null;

    // Internet.nl's SPF_NON_SENDING_POLICY (checks/__init__.py).
    [GeneratedRegex(@"^v=spf1 +(?:exp=[^ ]+ +)?-all;?(?: +exp=[^ ]+)?$")]
    private static partial Regex SpfNonSending();
}
