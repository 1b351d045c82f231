using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Batch;

/// <summary>
/// The progress of a batch on stderr: a bar redrawn in place on a terminal, a line every ten
/// seconds otherwise (logs, CI).
/// </summary>
internal sealed class ProgressLine(TextWriter output, bool terminal, TimeProvider time)
{
    private const int Width = 30;
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(10);
    private DateTimeOffset _lastPlain = DateTimeOffset.MinValue;

    public void Show(V1.BatchStatus status)
    {
        if (!terminal && time.GetUtcNow() - _lastPlain < PlainEvery)
            return;
        _lastPlain = time.GetUtcNow();
        var fraction = status.Total == 0 ? 1 : (double)status.Done / status.Total;
        var filled = (int)Math.Round(fraction * Width);
        var eta = status.State == V1.BatchState.Running && status.EtaSeconds > 0 ? $", ETA {Duration(status.EtaSeconds)}" : string.Empty;
        var text = $"[{new string('#', filled)}{new string('.', Width - filled)}] {status.Done}/{status.Total} done, {status.Failed} failed, "
            + $"{status.InFlight} in flight{Strict(status)}, {status.DomainsPerSecond:0.0}/s{eta}{NoWorker(status)}";
        if (terminal)
            output.Write($"\r{text}\u001b[K");
        else
            output.WriteLine(text);
    }

    private static string Strict(V1.BatchStatus status) => status.WaitingOnStrictServers == 0 ? string.Empty
        : $" ({status.WaitingOnStrictServers} waiting on strict servers)";

    /// <summary>A family nobody consumes stalls every domain: the line says so, or the slow rate is a mystery.</summary>
    private static string NoWorker(V1.BatchStatus status) => status.FamiliesWithoutWorker.Count == 0 ? string.Empty
        : $"; NO WORKER for probe family {string.Join(", ", status.FamiliesWithoutWorker)}: its probes wait for their time limit and end NOT_TESTABLE";

    public void End()
    {
        if (terminal)
            output.WriteLine();
    }

    private static string Duration(double seconds) => TimeSpan.FromSeconds(Math.Min(seconds, 360_000)) switch
    {
        { TotalHours: >= 1 } t => $"{(int)t.TotalHours}h{t.Minutes:00}m",
        { TotalMinutes: >= 1 } t => $"{t.Minutes}m{t.Seconds:00}s",
        var t => $"{t.Seconds}s",
    };
}
