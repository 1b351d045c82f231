using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailScan.Checks.Rpki;
using MailScan.Rpki;

namespace MailScan.Benchmarks;

/// <summary>The peers the RPKI benchmark runs beside ours: StayRTR (load and serve), rtrdump (RTR client), rtrlib's rpki-rov (validator).</summary>
internal static class RpkiPeers
{
    public static bool Installed(string tool) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts StayRTR on loopback with the export; returns it once it logged the loaded set, and how long that took.</summary>
    public static async Task<(Process Process, RtrEndpoint Endpoint, TimeSpan Load)> StartStayRtrAsync(string json, CancellationToken cancellationToken)
    {
        var endpoint = new RtrEndpoint("127.0.0.1", FreePort());
        var start = new ProcessStartInfo("stayrtr") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-bind", endpoint.ToString(), "-metrics.addr", $"127.0.0.1:{FreePort()}", "-cache", json, "-checktime=false", "-refresh", "3600" })
            start.ArgumentList.Add(arg);
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("New update", StringComparison.Ordinal) == true) loaded.TrySetResult(); };
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("New update", StringComparison.Ordinal) == true) loaded.TrySetResult(); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await loaded.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var load = clock.Elapsed;
        // It logs the set before its RTR listener is up.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, endpoint.Port, cancellationToken);
                break;
            }
            catch (SocketException) when (attempt < 1200)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
        return (process, endpoint, load);
    }

    /// <summary>rtrdump's full transfer from the cache into a JSON file: wall time of the process.</summary>
    public static async Task<TimeSpan> RtrdumpAsync(RtrEndpoint cache, CancellationToken cancellationToken)
    {
        var output = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("rtrdump") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "-connect", cache.ToString(), "-file", output, "-rtr.version", "1" })
                start.ArgumentList.Add(arg);
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            _ = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return clock.Elapsed;
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>
    /// rtrlib's rpki-rov: syncs with the cache, then validates "PREFIX LENGTH ASN" lines from stdin;
    /// returns its states (0 valid, 1 not found, 2 invalid) and the time for the queries after the sync.
    /// </summary>
    public static async Task<(int[] States, TimeSpan Elapsed)> RpkiRovAsync(RtrEndpoint cache, IReadOnlyList<(IpPrefix Prefix, uint Asn)> queries, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("rpki-rov") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        start.ArgumentList.Add(cache.Host);
        start.ArgumentList.Add(cache.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("RTR_MGR_ESTABLISHED", StringComparison.Ordinal) == true) established.TrySetResult(); };
        process.BeginErrorReadLine();
        await established.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);

        var clock = Stopwatch.StartNew();
        var input = new StringBuilder();
        foreach (var (prefix, asn) in queries)
            input.Append(prefix.Address).Append(' ').Append(prefix.Length).Append(' ').Append(asn).Append('\n');
        var writing = Task.Run(async () =>
        {
            await process.StandardInput.WriteAsync(input, cancellationToken);
            await process.StandardInput.FlushAsync(cancellationToken);
        }, cancellationToken);
        var states = new int[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var line = await process.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException("rpki-rov stopped early");
            states[i] = line[^1] - '0';
        }
        var elapsed = clock.Elapsed;
        await writing;
        process.Kill();
        await process.WaitForExitAsync(cancellationToken);
        return (states, elapsed);
    }
}
