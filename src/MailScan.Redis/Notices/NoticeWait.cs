namespace MailScan.Redis.Notices;

/// <summary>
/// Waiting on state another process changes, without polling: look, and if not done, sleep until a
/// notice for the key (or the source's slow check), or for the time the look named; then look again.
/// </summary>
public static class NoticeWait
{
    public static async Task<T> UntilAsync<T>(INoticeSource source, string key, Func<Task<WaitStep<T>>> look, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WaitStep<T> step;
            // Listening starts before the look: a notice sent while the look runs wakes the wait below at once.
            using (var notice = source.Listen(key))
            {
                step = await look().ConfigureAwait(false);
                if (step.Done)
                    return step.Value!;
                if (step.Pause is null)
                {
                    await WaitAsync(notice.Arrived, source.SlowCheck, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            if (step.Pause > TimeSpan.Zero)
                await Task.Delay(step.Pause.Value, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WaitAsync(Task arrived, TimeSpan slowCheck, TimeProvider time, CancellationToken cancellationToken)
    {
        if (arrived.IsCompleted)
            return;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var check = Task.Delay(slowCheck, time, stop.Token);
        await Task.WhenAny(arrived, check).ConfigureAwait(false);
        // The notice came first: the slow check's timer goes with it.
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
