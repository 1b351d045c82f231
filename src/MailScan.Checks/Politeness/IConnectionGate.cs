using System.Net;

namespace MailScan.Checks.Politeness;

/// <summary>
/// The one place that decides when the scanner may open a connection to a mail server address:
/// at most N at a time per address, spaced by a minimum interval or by what the address taught
/// (<see cref="AddressPace"/>), shared by every probe that uses the address.
/// </summary>
public interface IConnectionGate
{
    /// <summary>Waits for a slot for the address; dispose the lease when the connection is closed.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(IPAddress address, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the gate how the address took a connection, so its pace is learnt; returns how long
    /// from now the next connection to it will wait (after a put-off: the retry wait).
    /// </summary>
    ValueTask<TimeSpan> ReportAsync(IPAddress address, ServerAnswer answer, CancellationToken cancellationToken);
}
