namespace MailScan.Redis.Notices;

/// <summary>
/// The waiters of one process by key: a notice for a key wakes every listener registered for it
/// before the notice came, and no other. A key nobody listens for is not kept.
/// </summary>
public sealed class NoticeBoard
{
    private readonly Dictionary<string, List<Notice>> _listeners = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Keys with a listener now.</summary>
    public int Keys
    {
        get
        {
            lock (_lock)
                return _listeners.Count;
        }
    }

    /// <summary>Registers a listener for the key; register before looking at the state the notice is about, so a notice in between is not missed.</summary>
    public Notice Listen(string key)
    {
        var notice = new Notice(this, key);
        lock (_lock)
        {
            if (!_listeners.TryGetValue(key, out var list))
                _listeners[key] = list = new List<Notice>(1);
            list.Add(notice);
        }
        return notice;
    }

    /// <summary>Wakes every listener of the key.</summary>
    public void Deliver(string key)
    {
        List<Notice>? woken;
        lock (_lock)
        {
            if (!_listeners.Remove(key, out woken))
                return;
        }
        foreach (var notice in woken)
            notice.Fire();
    }

    internal void Forget(Notice notice)
    {
        lock (_lock)
        {
            if (_listeners.TryGetValue(notice.Key, out var list) && list.Remove(notice) && list.Count == 0)
                _listeners.Remove(notice.Key);
        }
    }
}
