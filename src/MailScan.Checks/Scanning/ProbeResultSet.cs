using System.Collections.Concurrent;

namespace MailScan.Checks.Scanning;

/// <summary>The probe results of one domain scan, filled as probes complete.</summary>
public sealed class ProbeResultSet : IProbeResults
{
    private readonly ConcurrentDictionary<ProbeKey, ProbeResult> _results = new();

    public ProbeResult? Find(ProbeKey key) => _results.GetValueOrDefault(key);

    public void Add(ProbeResult result) => _results[result.Key] = result;

    /// <summary>Whether every key has a result.</summary>
    public bool HasAll(IEnumerable<ProbeKey> keys) => keys.All(_results.ContainsKey);

    /// <summary>All results, ordered by kind and target.</summary>
    public IReadOnlyList<ProbeResult> All() =>
        _results.Values.OrderBy(r => r.Key.Kind, StringComparer.Ordinal).ThenBy(r => r.Key.Target, StringComparer.Ordinal).ToList();
}
