using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Web;

/// <summary>The reports the web page has made, kept for their permalinks under random ids of 128 bits (the link is the only key to a report).</summary>
public interface IReportArchive
{
    /// <summary>Keeps a report and returns its id (32 hex digits).</summary>
    Task<string> KeepAsync(V1.DomainReport report, CancellationToken cancellationToken);

    /// <summary>The report kept under <paramref name="id"/>, or null when there is none (any more).</summary>
    Task<V1.DomainReport?> FindAsync(string id, CancellationToken cancellationToken);
}
