using System.Collections.Concurrent;

namespace MailScan.Coordinator.CompactResults;

/// <summary>
/// The host evidence this process has already stored for a batch, so that a report sends only the
/// evidence the batch does not hold yet. Forgetting is safe (the store keeps the first copy and the
/// next report sends it again), so the set is simply emptied when it reaches its bound.
/// </summary>
public sealed class WrittenEvidence(int maxEntries = 200_000)
{
    private readonly ConcurrentDictionary<(string Batch, string Ref), byte> _written = new();

    public bool Contains(string batchId, string reference) => _written.ContainsKey((batchId, reference));

    public void Add(string batchId, IEnumerable<string> references)
    {
        if (_written.Count >= maxEntries)
            _written.Clear();
        foreach (var reference in references)
            _written.TryAdd((batchId, reference), 0);
    }
}
