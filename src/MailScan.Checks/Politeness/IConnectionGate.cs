using System.Net;

namespace MailScan.Checks.Politeness;

/// <summary>
/// The one place that decides when the scanner may open a connection to a mail server address:
/// at most N at a time per address, spaced by a minimum interval.
/// </summary>
public interface IConnectionGate
{
    /// <summary>Waits for a slot for the address; dispose the lease when the connection is closed.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(IPAddress address, CancellationToken cancellationToken);
}
