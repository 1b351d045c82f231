using System.Text;
using System.Text.Json;
using Google.Protobuf;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Batch;

/// <summary>
/// A line of a compact results file that holds a host's evidence, <c>{"hostEvidence": {"ref": ..., "evidence": {...}}}</c>,
/// written before the first report that names it. Every other line is a report.
/// </summary>
internal static class HostEvidenceLine
{
    private const string Property = "hostEvidence";
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static string Format(V1.HostEvidence evidence) => $"{{\"{Property}\": {Formatter.Format(evidence)}}}";

    /// <summary>The host evidence of a line, or null when the line is something else (a report).</summary>
    public static V1.HostEvidence? Read(string line)
    {
        if (!IsHostEvidence(line))
            return null;
        using var json = JsonDocument.Parse(line);
        return Parser.Parse<V1.HostEvidence>(json.RootElement.GetProperty(Property).GetRawText());
    }

    /// <summary>Whether the line's first property is the host evidence (a report's first property is its domain).</summary>
    private static bool IsHostEvidence(string line)
    {
        // The start of the line is enough, and a report line may be large.
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line[..Math.Min(line.Length, 64)]), isFinalBlock: false, state: default);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject
            && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(Property);
    }
}
