namespace MailScan.Coordinator;

/// <summary>
/// Brings the bus's response endpoint up once, on a thread of its own, before probe requests go
/// out. MassTransit declares that endpoint on demand, and every request made while it is not yet
/// ready blocks its thread until it is. A batch starts many domains at once: each first request
/// blocked a pool thread, the endpoint's own start-up then found no thread to run on and gave up
/// after 30 s, and the answers to the requests sent meanwhile were lost, so each of those domains
/// waited out the whole bus timeout (docs/BENCHMARKS.md, "Workers as separate nodes"). Here one
/// thread waits and every request awaits that one wait.
/// </summary>
public sealed class ResponseEndpointReady(Action connect)
{
    private readonly Lock _lock = new();
    private Task? _ready;

    /// <summary>Completes when the endpoint is up; a failed attempt is made again by the next caller.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
                _ready = Task.Factory.StartNew(connect, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return _ready.WaitAsync(cancellationToken);
        }
    }
}
