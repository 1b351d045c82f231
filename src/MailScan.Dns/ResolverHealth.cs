namespace MailScan.Dns;

/// <summary>
/// How this process's questions to its resolvers fare: how many went out and how many timed out.
/// A resolver that starts dropping questions (its request list full) is the first thing a scan
/// with too much in flight breaks, so the domain limit reads this and backs off.
/// </summary>
public sealed class ResolverHealth
{
    private readonly Lock _lock = new();
    private long _sent;
    private long _timedOut;

    /// <summary>Counts a question that went out to a resolver (not one answered from the cache).</summary>
    public void Count(bool timedOut)
    {
        lock (_lock)
        {
            _sent++;
            _timedOut += timedOut ? 1 : 0;
        }
    }

    /// <summary>The share of questions that timed out since the last call: one reader (the domain limit) takes them.</summary>
    public double TakeTimeoutShare()
    {
        lock (_lock)
        {
            var share = _sent == 0 ? 0 : (double)_timedOut / _sent;
            _sent = 0;
            _timedOut = 0;
            return share;
        }
    }
}
