using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailScan.Checks.Rpki;
using MailScan.Rpki;
using MailScan.Rpki.Rtr;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Lab.Tests;

/// <summary>
/// Our RTR client against StayRTR, with rtrdump (StayRTR's own client) as the referee: after a
/// sync we hold exactly the VRPs of the file StayRTR serves and exactly what rtrdump receives;
/// a changed file arrives as an incremental update, not a new full transfer.
/// </summary>
public sealed class RtrLabTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static RtrEndpoint LabCache() =>
        RtrEndpoint.Parse(File.ReadAllText(Path.Combine(LabEnvironment.RpkiStatePath, "rtr.endpoint"))) is { Value: { } endpoint }
            ? endpoint : throw new InvalidOperationException("the lab's rtr.endpoint is not HOST:PORT");

    private static HashSet<Vrp> FileVrps(string path)
    {
        var parsed = VrpJsonParser.Parse(File.ReadAllBytes(path));
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        return [.. parsed.Value!.Vrps];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task After_a_sync_we_hold_the_file_stayrtr_serves_and_what_rtrdump_receives(byte version)
    {
        var cache = LabCache();
        await using var client = new RtrClient(cache, version, Timeout, TimeProvider.System, NullLogger.Instance);
        var result = await client.SyncAsync(CancellationToken.None);

        Assert.Equal(RtrSyncKind.Reset, result.Kind);
        Assert.Equal(version, result.Version);
        var file = FileVrps(Path.Combine(LabEnvironment.RpkiStatePath, "vrps.json"));
        Assert.True(file.Count >= 10);
        Assert.Equal(file, client.Vrps.ToHashSet());
        Assert.Equal(await RtrdumpAsync(cache), client.Vrps.ToHashSet());
    }

    [Fact]
    public async Task A_changed_file_arrives_as_an_incremental_update()
    {
        var work = Directory.CreateTempSubdirectory("rtr-test-");
        var file = Path.Combine(work.FullName, "vrps.json");
        File.Copy(Path.Combine(LabEnvironment.RpkiStatePath, "vrps.json"), file);
        var cache = new RtrEndpoint(LabCache().Host, FreePort(LabCache().Host));
        using var stayrtr = StartStayRtr(cache, FreePort(LabCache().Host), file);
        try
        {
            await using var client = new RtrClient(cache, 1, Timeout, TimeProvider.System, NullLogger.Instance);
            var first = await SyncWhenReadyAsync(client);
            Assert.Equal(RtrSyncKind.Reset, first.Kind);
            Assert.Equal(FileVrps(file), client.Vrps.ToHashSet());

            // One ROA goes, one comes: StayRTR reads the file again, bumps the serial and notifies.
            var lines = File.ReadAllText(file).Split('\n');
            var gone = Array.FindIndex(lines, l => l.Contains("\"prefix\"", StringComparison.Ordinal));
            lines[gone] = """    {"prefix": "198.51.100.0/24", "maxLength": 24, "asn": "AS64511", "ta": "lab"}""" + (lines[gone].TrimEnd().EndsWith(',') ? "," : "");
            File.WriteAllText(file, string.Join('\n', lines));
            var expected = FileVrps(file);

            Assert.True(await client.WaitForNotifyAsync(TimeSpan.FromSeconds(30), CancellationToken.None), "StayRTR sent no Serial Notify");
            var second = await client.SyncAsync(CancellationToken.None);
            Assert.Equal(RtrSyncKind.Incremental, second.Kind);
            Assert.Equal((1, 1), (second.Announced, second.Withdrawn));
            Assert.Equal(first.SessionId, second.SessionId);
            Assert.NotEqual(first.Serial, second.Serial);
            Assert.Equal(expected, client.Vrps.ToHashSet());
            Assert.Equal(expected, await RtrdumpAsync(cache));
        }
        finally
        {
            stayrtr.Kill();
            await stayrtr.WaitForExitAsync();
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_scanner_following_stayrtr_gives_the_catalogued_verdicts()
    {
        var options = LabEnvironment.Options();
        options.Rpki.VrpsFile = null;
        options.Rpki.RtrServer = LabCache().ToString();
        var reports = await RpkiSourcesLabTests.ScanRpkiDomainsAsync(options);
        var evidence = reports.SelectMany(r => r.Probes).First(p => p.Key.Kind == "rpki.origin").EvidenceAs<RouteOriginEvidence>()!;
        Assert.Equal($"rtr://{LabCache()}", evidence.VrpSet.Source);
        Assert.NotNull(evidence.VrpSet.RtrSerial);
    }

    [Fact]
    public async Task The_cli_follows_an_rtr_cache_given_with_rtr_instead_of_the_profiles_file()
    {
        var result = await CliProcess.RunAsync(["scan", "rpki-invalid-as.test", "--profile", LabEnvironment.ProfilePath, "--rtr", LabCache().ToString(), "--json"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"mail_rpki_valid\"", result.Stdout);
        Assert.Contains($"rtr://{LabCache()} version session", result.Stdout);
        Assert.Matches("\"id\": \"mail_rpki\",[^}]*\"status\": \"FAILED\"", result.Stdout);
    }

    [Fact]
    public async Task Two_vrp_sources_on_the_command_line_are_refused_naming_both()
    {
        var result = await CliProcess.RunAsync(["scan", "rpki-valid.test", "--vrps-url", "http://127.0.0.1:1/vrps.json", "--rtr", LabCache().ToString()]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--vrps-url and --rtr", result.Stderr);
    }

    private static async Task<RtrSyncResult> SyncWhenReadyAsync(RtrClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.SyncAsync(CancellationToken.None);
            }
            catch (RtrException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<HashSet<Vrp>> RtrdumpAsync(RtrEndpoint cache)
    {
        var output = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("rtrdump") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "-connect", cache.ToString(), "-file", output, "-rtr.version", "1" })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var log = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(new CancellationTokenSource(Timeout).Token);
            Assert.True(process.ExitCode == 0, $"rtrdump failed: {await log}");
            return FileVrps(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static Process StartStayRtr(RtrEndpoint cache, int metricsPort, string file)
    {
        var start = new ProcessStartInfo("stayrtr") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-bind", cache.ToString(), "-metrics.addr", $"{cache.Host}:{metricsPort}", "-cache", file, "-checktime=false", "-refresh", "1" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static int FreePort(string host)
    {
        using var listener = new TcpListener(IPAddress.Parse(host), 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
