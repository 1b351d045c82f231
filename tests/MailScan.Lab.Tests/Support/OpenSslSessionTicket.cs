using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MailScan.Lab.Tests.Support;

/// <summary>
/// The referee for 0-RTT evidence: `openssl s_client -starttls smtp` keeps the server's TLS 1.3
/// session ticket (-sess_out) and `openssl sess_id -text` prints its "Max Early Data".
/// </summary>
internal static partial class OpenSslSessionTicket
{
    /// <summary>The ticket's max_early_data_size as OpenSSL reads it (0 when the ticket allows none); null when no ticket was kept.</summary>
    public static async Task<uint?> MaxEarlyDataAsync(string address)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mailscan-lab-ticket-{Guid.NewGuid():N}.pem");
        try
        {
            // s_client reads the ticket after the handshake and writes it out at once; QUIT only then (or after 5 s without one),
            // so a slow machine does not end the session before the ticket arrived. The end of its input ends it.
            await RunAsync(["s_client", "-starttls", "smtp", "-connect", $"{address}:25", "-tls1_3", "-sess_out", file], "QUIT\r\n", () => TicketKeptAsync(file));
            if (!File.Exists(file))
                return null;
            var text = await RunAsync(["sess_id", "-in", file, "-text", "-noout"], null, () => Task.CompletedTask);
            return MaxEarlyData().Match(text) is { Success: true } m ? uint.Parse(m.Groups[1].Value) : null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task TicketKeptAsync(string file)
    {
        for (var waited = 0; waited < 5000 && !(File.Exists(file) && new FileInfo(file).Length > 0); waited += 50)
            await Task.Delay(50);
        await Task.Delay(200); // a second ticket may follow the first
    }

    private static async Task<string> RunAsync(string[] arguments, string? input, Func<Task> beforeInput)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await beforeInput();
        if (input is not null)
            await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
        return await stdout + await stderr;
    }

    [GeneratedRegex(@"Max Early Data: (\d+)")]
    private static partial Regex MaxEarlyData();
}
