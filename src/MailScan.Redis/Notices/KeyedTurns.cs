namespace MailScan.Redis.Notices;

/// <summary>
/// Turns by key within one process: one caller per key at a time, the others queue here, so of the
/// waiters of one process only the one whose turn it is asks Redis. A key nobody holds or waits for
/// is not kept.
/// </summary>
public sealed class KeyedTurns
{
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Keys held or waited for now.</summary>
    public int Keys
    {
        get
        {
            lock (_lock)
                return _queues.Count;
        }
    }

    /// <summary>Waits for the key's turn; dispose the turn to hand it to the next caller.</summary>
    public async ValueTask<IDisposable> TakeAsync(string key, CancellationToken cancellationToken)
    {
        Queue queue;
        lock (_lock)
        {
            if (!_queues.TryGetValue(key, out queue!))
                _queues[key] = queue = new Queue();
            queue.Users++;
        }
        try
        {
            await queue.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, queue);
            throw;
        }
        return new Turn(this, key, queue);
    }

    private void Leave(string key, Queue queue)
    {
        lock (_lock)
        {
            if (--queue.Users == 0)
                _queues.Remove(key);
        }
    }

    private sealed class Queue
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        /// <summary>Callers holding or waiting for the turn; guarded by the turns' lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Turn(KeyedTurns turns, string key, Queue queue) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0)
                return;
            queue.Semaphore.Release();
            turns.Leave(key, queue);
        }
    }
}
