using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Protobuf;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Support.Cluster;

/// <summary>
/// Reports compared "timings aside": without start, measurement and load times, durations and measured milliseconds;
/// without what depends on which domain asked for a shared host first (the reuse flag, and the
/// zone a shared name-server probe happened to ask about, and the MX name a shared TLS
/// evaluation of an address was made under); and with every list in one order
/// (DNS hands out address sets in rotating order, and probes finish in any order).
/// </summary>
internal static partial class ReportComparison
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public static string Normalised(V1.DomainReport report) => Normalised(Formatter.Format(report));

    public static string Normalised(string json)
    {
        var node = JsonNode.Parse(json)!;
        Strip(node);
        return node.ToJsonString();
    }

    /// <summary>The results whose report differs from the reference's, each with both versions.</summary>
    public static IReadOnlyList<string> Differences(IEnumerable<V1.BatchResult> results, IReadOnlyDictionary<string, string> reference) =>
        results
            .Where(r => Normalised(r.Report) != reference[r.Report.Domain])
            .Select(r => $"{r.Report.Domain}:\n  cluster:  {Normalised(r.Report)}\n  embedded: {reference[r.Report.Domain]}")
            .ToList();

    private static void Strip(JsonNode node)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var key in json.Select(p => p.Key).Where(k => Incidental().IsMatch(k)).ToList())
                    json.Remove(key);
                foreach (var child in json.Select(p => p.Value).OfType<JsonNode>().ToList())
                    Strip(child);
                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>())
                    Strip(child);
                var sorted = array.Select(e => e?.ToJsonString() ?? "null").Order(StringComparer.Ordinal).ToList();
                array.Clear();
                foreach (var value in sorted)
                    array.Add(JsonNode.Parse(value));
                break;
        }
    }

    [GeneratedRegex("^(startedAt|measuredAt|loadedAt|elapsed|reused|question|serverName)$|[Mm]illiseconds$|Ms$")]
    private static partial Regex Incidental();
}
