using MailScan.Checks.Input;
using MailScan.Checks.Options;
using MailScan.Checks.Rpki;
using MailScan.Checks.Scanning;
using MailScan.Cli;
using MailScan.Cli.Lab;
using MailScan.Rpki;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MailScan.Lab.Tests;

/// <summary>
/// The lab's RPKI domains get their catalogued verdicts whichever way the data comes: route
/// origins from Team Cymru over the lab's signed DNS instead of the pfx2as file, VRPs from
/// StayRTR's HTTP export or its RTR service instead of the JSON file.
/// </summary>
public sealed class RpkiSourcesLabTests
{
    [Fact]
    public async Task Team_cymru_over_dns_gives_the_catalogued_verdicts()
    {
        var options = LabEnvironment.Options();
        options.Rpki.RouteOriginsFile = null;
        options.Rpki.TeamCymru = true;
        var reports = await ScanRpkiDomainsAsync(options);
        var probe = reports.SelectMany(r => r.Probes).First(p => p.Key.Kind == RouteOriginProbe.Name && p.Key.Target.StartsWith("127.", StringComparison.Ordinal));
        Assert.StartsWith("team-cymru ", probe.EvidenceAs<RouteOriginEvidence>()!.RouteSource);
    }

    [Fact]
    public async Task Vrps_from_stayrtrs_http_export_give_the_catalogued_verdicts()
    {
        var options = LabEnvironment.Options();
        options.Rpki.VrpsFile = null;
        options.Rpki.VrpsUrl = File.ReadAllText(Path.Combine(LabEnvironment.RpkiStatePath, "vrps.url")).Trim();
        var reports = await ScanRpkiDomainsAsync(options);
        var probe = reports.SelectMany(r => r.Probes).First(p => p.Key.Kind == RouteOriginProbe.Name);
        Assert.Equal(options.Rpki.VrpsUrl, probe.EvidenceAs<RouteOriginEvidence>()!.VrpSet.Source);
    }

    [Fact]
    public async Task Without_a_vrp_source_the_category_is_the_scanners_error()
    {
        var options = LabEnvironment.Options();
        options.Rpki.VrpsFile = null;
        var report = await ScanAsync(options, ["rpki-valid.test"]);
        var rpki = report.Single().Categories.Single(c => c.Id == "mail_rpki");
        Assert.Equal(Checks.Verdicts.TestStatus.Error, rpki.Status);
        Assert.Contains("--vrps", rpki.Tests[0].Reason);
    }

    internal static async Task<IReadOnlyList<ScanReport>> ScanRpkiDomainsAsync(MailScanOptions options)
    {
        var catalogue = Catalogue.Load(LabEnvironment.CataloguePath).Domains.Where(d => d.Domain.StartsWith("rpki-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(catalogue);
        var reports = await ScanAsync(options, catalogue.Select(d => d.Domain));
        var mismatches = catalogue.Zip(reports).SelectMany(p => p.First.Mismatches(p.Second).Select(m => $"{p.First.Domain}: {m}")).ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        return reports;
    }

    private static async Task<IReadOnlyList<ScanReport>> ScanAsync(MailScanOptions options, IEnumerable<string> domains)
    {
        using var host = await EmbeddedHost.StartAsync(options, LogLevel.Warning, CancellationToken.None);
        var scanner = host.Services.GetRequiredService<DomainScanner>();
        var reports = new List<ScanReport>();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var domain in domains)
        {
            await foreach (var step in scanner.ScanAsync(DomainName.Parse(domain), limit.Token))
            {
                if (step is ScanCompleted done)
                    reports.Add(done.Report);
            }
        }
        await host.StopAsync(CancellationToken.None);
        return reports;
    }
}
