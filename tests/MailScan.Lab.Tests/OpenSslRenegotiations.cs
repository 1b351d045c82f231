using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MailScan.Lab.Tests;

/// <summary>
/// Counts client-initiated renegotiations with `openssl s_client -starttls smtp -tls1_2`: an "R"
/// line on its input renegotiates; every completed handshake verifies the chain again (one
/// "depth=0" line each), so the renegotiations completed are those lines less the first handshake.
/// </summary>
internal static partial class OpenSslRenegotiations
{
    // s_client reads one command at a time; a pause lets each renegotiation finish before the next.
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(400);

    public static async Task<int> CompletedAsync(string address, int asks)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "s_client", "-starttls", "smtp", "-connect", $"{address}:25", "-tls1_2" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await Task.Delay(Pause * 3);
        for (var i = 0; i < asks && !process.HasExited; i++)
        {
            await process.StandardInput.WriteLineAsync("R");
            await process.StandardInput.FlushAsync();
            await Task.Delay(Pause);
        }
        if (!process.HasExited)
            await process.StandardInput.WriteLineAsync("Q");
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        var text = await stdout + await stderr;
        return Math.Max(0, Depth0().Count(text) - 1);
    }

    [GeneratedRegex("^depth=0 ", RegexOptions.Multiline)]
    private static partial Regex Depth0();
}
