namespace MailScan.Coordinator.Batches;

/// <summary>A batch's counts with its rate and the time left at that rate.</summary>
public sealed record BatchProgress(BatchRecord Batch, double DomainsPerSecond, TimeSpan? Remaining)
{
    public static BatchProgress Of(BatchRecord batch, DateTimeOffset now)
    {
        var end = batch.FinishedAt ?? now;
        var seconds = (end - batch.CreatedAt).TotalSeconds;
        var rate = seconds > 0 ? batch.Done / seconds : 0;
        TimeSpan? remaining = batch.Phase != BatchPhase.Running ? TimeSpan.Zero
            : rate > 0 ? TimeSpan.FromSeconds((batch.Total - batch.Done) / rate) : null;
        return new BatchProgress(batch, rate, remaining);
    }
}
