using System.Text.Json.Nodes;
using MailScan.Dns;

namespace MailScan.Coordinator.Reports;

/// <summary>
/// Reads the technical table of a sub-test from the evidence in its details: the shapes the
/// checks write (hosts with addresses, per-address results, per-server verdicts, DNS answers,
/// DNSSEC states, route origins). Pure; null when the details hold nothing worth a row.
/// </summary>
public static class TechnicalTables
{
    private const string None = "-";

    /// <summary>The table of a sub-test; a per-server finding equal to the sub-test's own reason reads "as above".</summary>
    public static TechnicalTable? From(JsonObject? details, string reason = "")
    {
        if (details is null)
            return null;
        var table = details switch
        {
            _ when details["servers"] is JsonArray servers => PerServer(servers),
            _ when details["addresses"] is JsonArray addresses && addresses.Any(a => a is JsonObject) => addresses.Any(a => a?["state"] is not null) ? Routes(addresses) : PerAddress(addresses),
            _ when details["hosts"] is JsonArray hosts => Hosts(hosts, details["implicitMxAddresses"] as JsonArray),
            _ when details["names"] is JsonArray names => Dnssec(names.OfType<JsonObject>(), details["answers"] as JsonArray),
            _ when details["query"] is not null => Dnssec([details], null),
            _ when details["authorisations"] is JsonArray authorisations => Answers(authorisations.OfType<JsonObject>()),
            _ when details["foundAt"] is not null => Single("Found at", "Record", Text(details["foundAt"]), Text(details["record"])),
            _ when details["node"] is JsonObject node => Dkim(node, details["keys"] as JsonArray),
            _ when details["domain"] is JsonObject domain => Answers(new[] { domain, details["organisational"] as JsonObject }.OfType<JsonObject>()),
            _ when details["records"] is JsonArray records && records.Any(r => r is JsonObject) => SpfChain(records),
            _ when details["record"] is JsonObject record => MtaSts(record, details),
            _ when details["status"] is not null && details["records"] is JsonArray => Answers([details]),
            _ => null,
        };
        return table is { Rows.Count: > 0 } ? WithoutEmptyColumns(AsAbove(table, reason)) : null;
    }

    private static TechnicalTable AsAbove(TechnicalTable table, string reason) =>
        reason.Length == 0 ? table : table with { Rows = table.Rows.Select(r => (IReadOnlyList<string>)r.Select((cell, i) => i > 0 && cell == reason ? "as above" : cell).ToList()).ToList() };

    /// <summary>Leaves out columns (after the first) with nothing in any row, e.g. the address of a DNS-only finding.</summary>
    private static TechnicalTable WithoutEmptyColumns(TechnicalTable table)
    {
        var keep = Enumerable.Range(0, table.Headers.Count).Where(c => c == 0 || table.Rows.Any(r => c < r.Count && r[c] != None)).ToList();
        return keep.Count == table.Headers.Count ? table : new TechnicalTable(
            keep.Select(c => table.Headers[c]).ToList(),
            table.Rows.Select(r => (IReadOnlyList<string>)keep.Select(c => c < r.Count ? r[c] : None).ToList()).ToList());
    }

    private static TechnicalTable PerServer(JsonArray servers) => new(
        ["Mail server", "Address", "Status", "Found"],
        servers.OfType<JsonObject>().Select(s => Row(Text(s["mx"]), Text(s["address"]), StatusWord(Text(s["status"])), Text(s["reason"]))).ToList());

    private static TechnicalTable PerAddress(JsonArray addresses) => new(
        ["Server", "Address", "Found"],
        addresses.OfType<JsonObject>().Select(a => Row(Text(a["host"]), Text(a["address"]), Text(a["result"]))).ToList());

    private static TechnicalTable Routes(JsonArray addresses) => new(
        ["Server", "Address", "Route", "Origin", "Validity"],
        addresses.OfType<JsonObject>().Select(a => Row(Text(a["host"]), Text(a["address"]), Text(a["prefix"]), Join(a["origins"]), Text(a["state"]))).ToList());

    private static TechnicalTable Hosts(JsonArray hosts, JsonArray? implicitMx)
    {
        var rows = hosts.OfType<JsonObject>().Select(h => Row(
            Text(h["name"]),
            h["ipv6"] is JsonArray { Count: > 0 } v6 ? Join(v6) : Text(h["aaaaStatus"]) is var status and not (None or DnsStatus.NoError) ? $"none ({status})" : "none",
            Join(h["ipv4"]))).ToList();
        if (rows.Count == 0 && implicitMx is { Count: > 0 })
        {
            var addresses = implicitMx.Select(Text).ToList();
            rows.Add(Row("(the domain itself: no MX)", JoinText(addresses.Where(a => a.Contains(':'))), JoinText(addresses.Where(a => !a.Contains(':')))));
        }
        return new(["Server", "IPv6 address", "IPv4 address"], rows);
    }

    /// <summary>One row per name (its SOA, Internet.nl's question), then one per question a sending server asks, named with its type.</summary>
    private static TechnicalTable Dnssec(IEnumerable<JsonObject> names, JsonArray? answers) => new(
        ["Domain", "DNSSEC", "Why"],
        names.Select(n => Row(Text(n["name"]), Text(n["status"]).ToLowerInvariant(), Why(n)))
            .Concat((answers ?? []).OfType<JsonObject>().Select(a => Row(Text(a["query"]), Text(a["status"]).ToLowerInvariant(), Why(a))))
            .ToList());

    /// <summary>The broken link: the reason, led by its Extended DNS Error name unless it names it already.</summary>
    private static string Why(JsonObject name)
    {
        var (error, reason) = (Text(name["error"]), Text(name["reason"]));
        return reason == None ? None : error == None || reason.StartsWith(error, StringComparison.Ordinal) ? reason : $"{error}: {reason}";
    }

    private static TechnicalTable Answers(IEnumerable<JsonObject> answers) => new(
        ["Name", "Record"],
        answers.SelectMany(a => a["records"] is JsonArray { Count: > 0 } records
            ? records.Select(r => Row(Text(a["name"]), Text(r)))
            : [Row(Text(a["name"]), NoRecord(Text(a["status"])))]).ToList());

    private static string NoRecord(string status) =>
        status == DnsStatus.NoError ? "no record (the name exists: NOERROR)" : $"no record ({status})";

    private static TechnicalTable Dkim(JsonObject node, JsonArray? keys)
    {
        var table = Answers([node]);
        var rows = table.Rows.ToList();
        foreach (var key in keys?.OfType<JsonObject>() ?? [])
            rows.Add(Row(Text(key["name"]), $"{Text(key["keyType"])} key of {Text(key["keyBits"])} bits"));
        return table with { Rows = rows };
    }

    private static TechnicalTable SpfChain(JsonArray records) => new(
        ["Domain", "Role", "Record"],
        records.OfType<JsonObject>().Select(r => Row(Text(r["domain"]), Text(r["role"]), Text(r["record"]))).ToList());

    private static TechnicalTable MtaSts(JsonObject record, JsonObject details)
    {
        var rows = Answers([record]).Rows.ToList();
        if (details["url"] is not null)
            rows.Add(Row(Text(details["url"]), $"mode {Text(details["mode"])}, max_age {Text(details["maxAge"])}, mx {Join(details["mx"])}"));
        return new(["Name", "Record"], rows);
    }

    private static TechnicalTable Single(string header1, string header2, string value1, string value2) => new([header1, header2], [Row(value1, value2)]);

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    /// <summary>The words of the report for a per-server status (the details spell them as the enum does).</summary>
    private static string StatusWord(string status) => status switch
    {
        "Passed" => "Passed",
        "Failed" => "Failed",
        "Warning" => "Recommendation",
        "Info" => "Information",
        "NotTested" => "Not tested",
        "NotTestable" => "Not testable",
        "Error" => "Error",
        _ => status,
    };

    private static string Join(JsonNode? values) =>
        values is JsonArray array ? JoinText(array.Select(Text)) : None;

    private static string JoinText(IEnumerable<string> values) =>
        string.Join(", ", values) is { Length: > 0 } joined ? joined : None;

    private static string Text(JsonNode? value) => value switch
    {
        null => None,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 ? None : s,
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };
}
