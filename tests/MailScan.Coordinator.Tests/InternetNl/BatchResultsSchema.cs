using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MailScan.Coordinator.Tests.InternetNl;

/// <summary>Our JSON Schema of Internet.nl's batch results (docs/internetnl/batch-results.schema.json), with formats checked.</summary>
internal static class BatchResultsSchema
{
    private static readonly JsonSchema Schema =
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Captured", "batch-results.schema.json")));

    /// <summary>The schema's complaints about a document; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonNode document)
    {
        using var json = JsonDocument.Parse(document.ToJsonString());
        var result = Schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
            return [];
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid")
            .ToList();
    }
}
