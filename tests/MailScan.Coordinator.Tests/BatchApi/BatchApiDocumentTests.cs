using System.Text.RegularExpressions;
using MailScan.Coordinator.Access;
using MailScan.Coordinator.BatchApi;
using MailScan.Coordinator.Batches;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace MailScan.Coordinator.Tests.BatchApi;

/// <summary>docs/internetnl/batch-api.openapi.yaml and the mapped routes name the same paths and methods, so neither drifts from the other.</summary>
public sealed partial class BatchApiDocumentTests
{
    [Fact]
    public void Every_documented_operation_is_mapped_and_every_mapped_route_is_documented()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Registered only so that the handlers' parameters are known as services; nothing is resolved here.
        builder.Services.AddSingleton<BatchService>();
        builder.Services.AddSingleton<BatchQuotas>();
        var app = builder.Build();
        app.MapInternetNlBatchApi();
        var mapped = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal).ToList();

        var documented = new List<string>();
        string? path = null;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Captured", "batch-api.openapi.yaml")))
        {
            if (PathLine().Match(line) is { Success: true } p)
                path = p.Groups[1].Value;
            else if (path is not null && MethodLine().Match(line) is { Success: true } m)
                documented.Add($"{m.Groups[1].Value.ToUpperInvariant()} {BatchApiEndpoints.BasePath}{path}");
            else if (line.Length > 0 && !line.StartsWith("  ", StringComparison.Ordinal))
                path = null;
        }

        Assert.Equal(6, documented.Count);
        Assert.Equal(documented.Order(StringComparer.Ordinal), mapped);
    }

    [GeneratedRegex(@"^  (/[^:]*):\s*$")]
    private static partial Regex PathLine();

    [GeneratedRegex(@"^    (get|post|patch|put|delete):\s*$")]
    private static partial Regex MethodLine();
}
