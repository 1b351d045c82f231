using Microsoft.Extensions.Logging;

namespace MailScan.Cli.Hosting;

/// <summary>How the cluster's processes report on themselves: traces, log format and log levels (metrics are always on /metrics).</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP collector (http://host:4317 for gRPC, http://host:4318 for HTTP); empty: no traces leave the process.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The OTLP protocol: grpc or http/protobuf.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Console log format: text (one line per event) or json (one JSON object per line, for log shippers).</summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>Log level per category (a namespace or class name prefix), e.g. "MailScan.Checks.Smtp": "Debug".</summary>
    public Dictionary<string, LogLevel> LogLevels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The known values of <see cref="OtlpProtocol"/>.</summary>
    public static IReadOnlyList<string> Protocols { get; } = ["grpc", "http/protobuf"];

    /// <summary>The known values of <see cref="LogFormat"/>.</summary>
    public static IReadOnlyList<string> LogFormats { get; } = ["text", "json"];

    /// <summary>Every problem of these settings, one line each with its key.</summary>
    public IEnumerable<string> Errors()
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return $"Telemetry:OtlpEndpoint: '{OtlpEndpoint}' is not a URL such as http://otel-collector:4317";
        if (!Protocols.Contains(OtlpProtocol))
            yield return $"Telemetry:OtlpProtocol: '{OtlpProtocol}' is not one of {string.Join(", ", Protocols)}";
        if (!LogFormats.Contains(LogFormat))
            yield return $"Telemetry:LogFormat: '{LogFormat}' is not one of {string.Join(", ", LogFormats)}";
    }
}
