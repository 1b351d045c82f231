using MailScan.Cli.Hosting;

namespace MailScan.Cli.Tests.Hosting;

public sealed class TelemetryOptionsTests
{
    [Fact]
    public void Telemetry_is_off_and_valid_by_default()
    {
        var telemetry = new TelemetryOptions();
        Assert.Null(telemetry.OtlpEndpoint);
        Assert.Empty(telemetry.Errors());
    }

    [Fact]
    public void Bad_telemetry_settings_are_named_with_their_keys()
    {
        var telemetry = new TelemetryOptions { OtlpEndpoint = "collector:4317", OtlpProtocol = "udp", LogFormat = "xml" };

        var errors = telemetry.Errors().ToList();

        Assert.Contains(errors, e => e.StartsWith("Telemetry:OtlpEndpoint", StringComparison.Ordinal) && e.Contains("'collector:4317'"));
        Assert.Contains(errors, e => e.StartsWith("Telemetry:OtlpProtocol", StringComparison.Ordinal) && e.Contains("http/protobuf"));
        Assert.Contains(errors, e => e.StartsWith("Telemetry:LogFormat", StringComparison.Ordinal) && e.Contains("json"));
        Assert.Equal(3, errors.Count);
    }
}
