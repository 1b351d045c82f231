using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MailScan.Lab.Tests.Support.Cluster;

/// <summary>Debian's Prometheus, scraping given targets every second, with the project's alert rules loaded; asked over its HTTP API.</summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(Process process, string directory, string url)
    {
        _process = process;
        _directory = directory;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Starts Prometheus on <paramref name="listen"/> (host:port) with one job per entry of <paramref name="jobs"/> (targets as host:port).</summary>
    public static async Task<PrometheusServer> StartAsync(string listen, IReadOnlyDictionary<string, IReadOnlyList<string>> jobs, string rules)
    {
        var directory = Directory.CreateTempSubdirectory("mailscan-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        var scrape = string.Join("\n", jobs.Select(j =>
            $"  - job_name: {j.Key}\n    static_configs:\n      - targets: [{string.Join(", ", j.Value.Select(t => $"\"{t}\""))}]"));
        await File.WriteAllTextAsync(config,
            $"global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - \"{rules}\"\nscrape_configs:\n{scrape}\n");
        var start = new ProcessStartInfo("/usr/bin/prometheus")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var arg in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address={listen}" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, $"http://{listen}");
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>The value of an instant query that yields one series (e.g. a sum), or null when it yields none.</summary>
    public async Task<double?> QueryAsync(string promql)
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync($"{Url}/api/v1/query?query={Uri.EscapeDataString(promql)}"));
        Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? null
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Asks <paramref name="promql"/> until it yields <paramref name="expected"/> (scrapes and rule evaluation come every second), or returns the last answer after 90 s.</summary>
    public async Task<double?> QueryUntilAsync(string promql, double expected)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        double? value;
        while ((value = await QueryAsync(promql)) != expected && DateTime.UtcNow < until)
            await Task.Delay(500);
        return value;
    }

    /// <summary>The rule groups Prometheus loaded: name, rule count, and the health of each rule.</summary>
    public async Task<List<(string Group, int Rules, IReadOnlyList<string> Health)>> RuleGroupsAsync()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync($"{Url}/api/v1/rules"));
        return json.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .Select(g => (g.GetProperty("name").GetString()!, g.GetProperty("rules").GetArrayLength(),
                (IReadOnlyList<string>)g.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("health").GetString()!).ToList()))
            .ToList();
    }

    private async Task WaitReadyAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            try
            {
                if ((await _http.GetAsync($"{Url}/-/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"Prometheus did not become ready on {Url} (exited: {_process.HasExited})");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
            _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
