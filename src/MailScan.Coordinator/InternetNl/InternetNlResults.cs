using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.InternetNl;

/// <summary>
/// A whole results document as Internet.nl's batch API v2 returns it from
/// <c>/requests/{id}/results</c>: <c>api_version</c>, <c>request</c> and <c>domains</c>. Pure:
/// the same reports give the same document (the request id is derived from the domain names).
/// </summary>
public static class InternetNlResults
{
    /// <summary>The API version whose results shape this follows (Internet.nl at cec0e01d).</summary>
    public const string ApiVersion = "2.7.0";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject From(IReadOnlyList<V1.DomainReport> reports, string name)
    {
        var domains = Domains(reports, InternetNlDomain.From);
        var started = reports.Where(r => r.StartedAt is not null).Select(r => r.StartedAt.ToDateTimeOffset()).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Min();
        var finished = reports.Where(r => r.StartedAt is not null).Select(r => r.StartedAt.ToDateTimeOffset() + (r.Elapsed?.ToTimeSpan() ?? TimeSpan.Zero)).DefaultIfEmpty(started).Max();
        return new JsonObject
        {
            ["api_version"] = ApiVersion,
            ["request"] = new JsonObject
            {
                ["request_id"] = RequestId(reports),
                ["name"] = name.Length > 255 ? name[..255] : name,
                ["request_type"] = "mail",
                ["status"] = "done",
                ["submit_date"] = Date(started),
                ["finished_date"] = Date(finished),
            },
            ["domains"] = domains,
        };
    }

    /// <summary>The <c>domains</c> object: each report in <paramref name="shape"/>, keyed by its domain, in name order.</summary>
    public static JsonObject Domains(IEnumerable<V1.DomainReport> reports, Func<V1.DomainReport, JsonObject> shape)
    {
        var domains = new JsonObject();
        foreach (var report in reports.OrderBy(r => r.Domain, StringComparer.Ordinal))
            domains[report.Domain] = shape(report);
        return domains;
    }

    public static string ToJson(JsonObject document) => document.ToJsonString(Indented);

    /// <summary>32 hex digits, as the API's request ids: a digest of the domain names, so a converted file names the same request every time.</summary>
    private static string RequestId(IEnumerable<V1.DomainReport> reports) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', reports.Select(r => r.Domain).Order(StringComparer.Ordinal)))))[..32];

    /// <summary>A time as the API writes it: ISO 8601 in UTC with microseconds and "+00:00".</summary>
    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
}
