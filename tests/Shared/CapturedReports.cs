using Google.Protobuf;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Tests.Shared;

/// <summary>Reports of lab domains captured from a real scan (Captured/README.md).</summary>
internal static class CapturedReports
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static IReadOnlyList<V1.DomainReport> All { get; } =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Captured", "lab-reports.jsonl"))
            .Where(line => line.Length > 0)
            .Select(Parser.Parse<V1.DomainReport>)
            .ToList();

    public static V1.DomainReport Of(string domain) => All.Single(r => r.Domain == domain);
}
