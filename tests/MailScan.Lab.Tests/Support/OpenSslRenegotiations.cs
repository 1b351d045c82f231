using System.Diagnostics;

namespace MailScan.Lab.Tests.Support;

/// <summary>
/// Counts client-initiated renegotiations with `openssl s_client -starttls smtp -tls1_2`: an "R"
/// line on its input renegotiates; every completed handshake verifies the chain again (one
/// "depth=0" line each), so the renegotiations completed are those lines less the first handshake.
/// Each "R" is sent only after the previous handshake is seen complete, however slow the machine.
/// </summary>
internal static class OpenSslRenegotiations
{
    /// <summary>How long one handshake may take before the server counts as having cut the client off.</summary>
    private static readonly TimeSpan HandshakeWait = TimeSpan.FromSeconds(10);

    public static async Task<int> CompletedAsync(string address, int asks)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "s_client", "-starttls", "smtp", "-connect", $"{address}:25", "-tls1_2" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var handshakes = 0;
        var output = Task.WhenAll(CountAsync(process.StandardOutput), CountAsync(process.StandardError));

        var completed = 0;
        if (await SeenAsync(1))
        {
            for (var i = 0; i < asks && !process.HasExited; i++)
            {
                await process.StandardInput.WriteLineAsync("R");
                await process.StandardInput.FlushAsync();
                if (!await SeenAsync(completed + 2))
                    break;
                completed++;
            }
        }
        if (!process.HasExited)
        {
            await process.StandardInput.WriteLineAsync("Q");
            process.StandardInput.Close();
        }
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        await output;
        return Math.Max(0, Volatile.Read(ref handshakes) - 1);

        async Task CountAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("depth=0 ", StringComparison.Ordinal))
                    Interlocked.Increment(ref handshakes);
            }
        }

        async Task<bool> SeenAsync(int count)
        {
            var waited = Stopwatch.StartNew();
            while (Volatile.Read(ref handshakes) < count)
            {
                if (process.HasExited || waited.Elapsed > HandshakeWait)
                    return Volatile.Read(ref handshakes) >= count;
                await Task.Delay(20);
            }
            return true;
        }
    }
}
