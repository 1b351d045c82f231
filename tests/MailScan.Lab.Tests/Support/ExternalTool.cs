using System.Diagnostics;

namespace MailScan.Lab.Tests.Support;

/// <summary>Runs a referee tool (sslscan, openssl, kdig) and captures what it prints.</summary>
internal static class ExternalTool
{
    public static async Task<(int ExitCode, string Stdout)> RunAsync(string tool, IEnumerable<string> args, string? stdin = null)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? string.Empty);
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        await stderr;
        return (process.ExitCode, await stdout);
    }
}
