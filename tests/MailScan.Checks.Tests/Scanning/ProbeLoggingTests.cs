using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using Microsoft.Extensions.Logging;

namespace MailScan.Checks.Tests.Scanning;

public sealed class ProbeLoggingTests
{
    [Fact]
    public async Task A_finished_probe_is_one_debug_line_and_a_fault_a_warning_with_its_reason()
    {
        var logger = new ListLogger();
        var probes = new IProbe[] { new ThrowingProbe() };
        var dispatcher = new InProcessProbeDispatcher(probes, Microsoft.Extensions.Options.Options.Create(new MailScanOptions()), logger);

        var result = await dispatcher.DispatchAsync(new ProbeRequest(new ProbeKey("smtp", "192.0.2.1")), CancellationToken.None);

        Assert.Equal(ProbeOutcome.Failed, result.Outcome);
        var warning = Assert.Single(logger.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("smtp 192.0.2.1", warning.Message);
        Assert.Contains("connection table full", warning.Message);
        var debug = Assert.Single(logger.Lines, l => l.Level == LogLevel.Debug);
        Assert.Contains("smtp 192.0.2.1: Failed", debug.Message);
    }

    private sealed class ThrowingProbe : IProbe
    {
        public string Kind => "smtp";

        public Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("connection table full");
    }

    private sealed class ListLogger : ILogger<InProcessProbeDispatcher>
    {
        public List<(LogLevel Level, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
