using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Batch;

/// <summary>Writes one domain's report to a results file, whole lines only, flushed at once.</summary>
internal interface IResultWriter : IAsyncDisposable
{
    Task WriteAsync(V1.DomainReport report, CancellationToken cancellationToken);
}
