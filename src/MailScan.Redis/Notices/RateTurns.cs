namespace MailScan.Redis.Notices;

/// <summary>
/// The cluster's connection rate as one process waits for it. An ask of the gate answers 0 (the
/// slot is taken), -1 (the address is at its limit), n &gt; 0 (the address's own wait, n ms) or
/// n &lt; -1 (the cluster's next start is -n - 1 ms away). Connections told to wait for the cluster's
/// rate queue here and only the first asks again, when the start it expects has come: a process asks
/// about once per start of the cluster, not once per waiting connection.
/// </summary>
public sealed class RateTurns(TimeSpan interval, TimeProvider time)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _lock = new();
    private DateTimeOffset _nextStart = DateTimeOffset.MinValue;

    /// <summary>Whether an answer is a wait for the cluster's rate.</summary>
    public static bool IsRateWait(long answer) => answer < -1;

    /// <summary>Asks until the answer is no longer a wait for the cluster's rate; returns that answer.</summary>
    public async Task<long> AskAsync(Func<Task<long>> ask, CancellationToken cancellationToken)
    {
        var answer = Noted(await ask().ConfigureAwait(false));
        if (!IsRateWait(answer))
            return answer;
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (IsRateWait(answer))
            {
                TimeSpan wait;
                lock (_lock)
                    wait = _nextStart - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                answer = Noted(await ask().ConfigureAwait(false));
            }
            return answer;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Keeps when this process expects the cluster's next start: told by Redis, or one interval after a start of its own.</summary>
    private long Noted(long answer)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (answer == 0)
                _nextStart = now + interval;
            else if (IsRateWait(answer))
                _nextStart = now + TimeSpan.FromMilliseconds(-answer - 1);
        }
        return answer;
    }
}
