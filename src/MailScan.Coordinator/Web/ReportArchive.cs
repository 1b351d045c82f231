using System.Collections.Concurrent;
using System.Security.Cryptography;
using MailScan.Checks.Options;
using Microsoft.Extensions.Options;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Web;

/// <summary>
/// The reports the web page has made, kept for their permalinks: each under a random id of 128
/// bits (the link is the only key to it), the newest Web:StoredReports of this process; the
/// oldest is forgotten first.
/// </summary>
public sealed class ReportArchive(IOptions<MailScanOptions> options)
{
    private readonly ConcurrentDictionary<string, V1.DomainReport> _reports = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly int _capacity = options.Value.Web.StoredReports;

    /// <summary>Keeps a report and returns its id.</summary>
    public string Keep(V1.DomainReport report)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _reports[id] = report;
        _order.Enqueue(id);
        while (_order.Count > _capacity && _order.TryDequeue(out var oldest))
            _reports.TryRemove(oldest, out _);
        return id;
    }

    public V1.DomainReport? Find(string id) => _reports.GetValueOrDefault(id);
}
