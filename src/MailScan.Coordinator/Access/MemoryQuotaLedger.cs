namespace MailScan.Coordinator.Access;

/// <summary>The quota ledger of one process (embedded mode, or a coordinator without Redis): gone at restart.</summary>
public sealed class MemoryQuotaLedger : IQuotaLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Key, DateOnly Day), long> _names = [];
    private readonly Dictionary<string, HashSet<string>> _batches = [];

    public Task<NameCharge> ChargeNamesAsync(string keyName, DateOnly day, long names, long limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var old in _names.Keys.Where(k => k.Day < day).ToList())
                _names.Remove(old);
            var used = _names.GetValueOrDefault((keyName, day));
            if (limit > 0 && used + names > limit)
                return Task.FromResult(new NameCharge(false, used));
            _names[(keyName, day)] = used + names;
            return Task.FromResult(new NameCharge(true, used + names));
        }
    }

    public Task RefundNamesAsync(string keyName, DateOnly day, long names, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_names.TryGetValue((keyName, day), out var used))
                _names[(keyName, day)] = Math.Max(0, used - names);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> BatchesAsync(string keyName, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<string>>(_batches.TryGetValue(keyName, out var ids) ? [.. ids] : []);
    }

    public Task AddBatchAsync(string keyName, string batchId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_batches.TryGetValue(keyName, out var ids))
                _batches[keyName] = ids = [];
            ids.Add(batchId);
        }
        return Task.CompletedTask;
    }

    public Task ForgetBatchesAsync(string keyName, IReadOnlyCollection<string> batchIds, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_batches.TryGetValue(keyName, out var ids))
                ids.ExceptWith(batchIds);
        }
        return Task.CompletedTask;
    }
}
