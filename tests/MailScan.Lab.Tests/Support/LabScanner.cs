using MailScan.Checks.Input;
using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MailScan.Lab.Tests.Support;

/// <summary>One embedded scanner on the lab, shared by the tests of a collection.</summary>
public sealed class LabScanner : IAsyncLifetime
{
    private IHost? _host;

    internal MailScanOptions Options { get; private set; } = new();

    public async Task InitializeAsync()
    {
        Options = LabEnvironment.Options();
        _host = await EmbeddedHost.StartAsync(Options, LogLevel.Warning, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    /// <summary>Scans a lab domain and returns the final report.</summary>
    public async Task<ScanReport> ScanAsync(string domain)
    {
        var scanner = _host!.Services.GetRequiredService<DomainScanner>();
        ScanReport? report = null;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await foreach (var step in scanner.ScanAsync(DomainName.Parse(domain), limit.Token))
        {
            if (step is ScanCompleted done)
                report = done.Report;
        }
        return report ?? throw new InvalidOperationException("the scan ended without a report");
    }
}

[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabScanner>
{
    public const string Name = "lab";
}
