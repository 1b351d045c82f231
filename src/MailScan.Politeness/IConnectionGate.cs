using System.Net;

namespace MailScan.Politeness;

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

    /// <summary>
    /// Notes that the address showed itself strict (it put a client off, greets slowly, or keeps a
    /// long spacing), for <c>Smtp:LearnedSpacingLifetime</c>, so that whoever waits on it can tell.
    /// </summary>
    ValueTask MarkStrictAsync(IPAddress address, CancellationToken cancellationToken);

    /// <summary>Callers of this process waiting for a connection now (an address's turn or spacing, the global rate); 0 where not counted.</summary>
    int Waiting => 0;

    /// <summary>Whether any of the addresses was marked strict (<see cref="MarkStrictAsync"/>) and the mark is still kept.</summary>
    ValueTask<bool> AnyStrictAsync(IReadOnlyCollection<IPAddress> addresses, CancellationToken cancellationToken);
}
