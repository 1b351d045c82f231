namespace MailScan.Redis.Notices;

/// <summary>One waiter's interest in a key: <see cref="Arrived"/> completes when a notice for the key comes; dispose to stop listening.</summary>
public sealed class Notice : IDisposable
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly NoticeBoard _board;

    internal Notice(NoticeBoard board, string key)
    {
        _board = board;
        Key = key;
    }

    public string Key { get; }

    /// <summary>Completes when a notice for <see cref="Key"/> arrives after this listener was registered.</summary>
    public Task Arrived => _arrived.Task;

    internal void Fire() => _arrived.TrySetResult();

    public void Dispose() => _board.Forget(this);
}
