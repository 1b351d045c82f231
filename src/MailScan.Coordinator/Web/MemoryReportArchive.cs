using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Web;

/// <summary>The permalinks of a coordinator without Redis: the newest Web:StoredReports reports of this process; the oldest is forgotten first.</summary>
public sealed class MemoryReportArchive(IOptions<WebOptions> web) : IReportArchive
{
    private readonly ConcurrentDictionary<string, V1.DomainReport> _reports = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly int _capacity = web.Value.StoredReports;

    public Task<string> KeepAsync(V1.DomainReport report, CancellationToken cancellationToken)
    {
        var id = NewId();
        _reports[id] = report;
        _order.Enqueue(id);
        while (_order.Count > _capacity && _order.TryDequeue(out var oldest))
            _reports.TryRemove(oldest, out _);
        return Task.FromResult(id);
    }

    public Task<V1.DomainReport?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_reports.GetValueOrDefault(id));

    /// <summary>128 random bits in lower-case hex.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
