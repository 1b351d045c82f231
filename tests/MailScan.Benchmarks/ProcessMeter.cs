using System.Diagnostics;
using System.Globalization;

namespace MailScan.Benchmarks;

/// <summary>
/// A child process whose CPU time and peak memory are read from /proc while it runs (the numbers
/// are gone once it exits), polled until it is stopped.
/// </summary>
internal sealed class ProcessMeter : IAsyncDisposable
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly Process _process;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    private ProcessMeter(Process process)
    {
        _process = process;
        _polling = PollAsync(_stop.Token);
    }

    public double CpuSeconds { get; private set; }

    public long PeakBytes { get; private set; }

    public Process Process => _process;

    /// <summary>Starts mailscan; <paramref name="prefix"/> is a command that execs it (such as `ip netns exec NODE`), so the process measured is still mailscan.</summary>
    public static ProcessMeter Start(string root, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? prefix = null)
    {
        var start = new ProcessStartInfo(prefix is { Count: > 0 } ? prefix[0] : "dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var part in prefix?.Skip(1).Append("dotnet") ?? [])
            start.ArgumentList.Add(part);
        start.ArgumentList.Add(Path.Combine(root, "src/MailScan.Cli/bin/Release/net10.0/mailscan.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ProcessMeter(process);
    }

    /// <summary>Reads the counters now (also done every 200 ms).</summary>
    public void Sample()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            CpuSeconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            var hwm = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (hwm is not null)
                PeakBytes = long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process is gone; the last sample stands.
        }
    }

    private async Task PollAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && !_process.HasExited)
        {
            Sample();
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task WaitForExitAsync() => await _process.WaitForExitAsync();

    public async ValueTask DisposeAsync()
    {
        Sample();
        await _stop.CancelAsync();
        await _polling;
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        _stop.Dispose();
    }
}
