using MailScan.Checks.Options;

namespace MailScan.Checks.Tests.Options;

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
        var options = new MailScanOptions();
        options.Telemetry.OtlpEndpoint = "collector:4317";
        options.Telemetry.OtlpProtocol = "udp";
        options.Telemetry.LogFormat = "xml";

        var errors = MailScanOptionsValidator.Errors(options).ToList();

        Assert.Contains(errors, e => e.StartsWith("Telemetry:OtlpEndpoint", StringComparison.Ordinal) && e.Contains("'collector:4317'"));
        Assert.Contains(errors, e => e.StartsWith("Telemetry:OtlpProtocol", StringComparison.Ordinal) && e.Contains("http/protobuf"));
        Assert.Contains(errors, e => e.StartsWith("Telemetry:LogFormat", StringComparison.Ordinal) && e.Contains("json"));
        Assert.Equal(3, errors.Count);
    }
}
