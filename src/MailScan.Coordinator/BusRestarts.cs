using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Coordinator;

/// <summary>
/// Notices when the bus came back after losing its broker. A receive endpoint that faulted (or
/// stopped) and is then ready again has reconnected; an answer published while it was away, to a
/// response queue the broker forgot, is lost for good, so a request in flight across that moment
/// is sent again rather than waiting out its whole timeout (docs/OPERATIONS.md, "Faults").
/// </summary>
public sealed class BusRestarts(ILogger? logger = null) : IReceiveEndpointObserver
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Lock _lock = new();
    private readonly HashSet<Uri> _down = [];
    private TaskCompletionSource _next = NewSignal();

    /// <summary>Completes at the next reconnection of any receive endpoint after this call.</summary>
    public Task Next
    {
        get { lock (_lock) return _next.Task; }
    }

    /// <summary>How many reconnections have been seen.</summary>
    public int Count { get; private set; }

    public Task Ready(ReceiveEndpointReady ready)
    {
        TaskCompletionSource? reached = null;
        lock (_lock)
        {
            if (_down.Remove(ready.InputAddress))
            {
                Count++;
                reached = _next;
                _next = NewSignal();
            }
        }
        if (reached is null)
            return Task.CompletedTask;
        _logger.LogInformation("The bus reconnected ({Endpoint}); probes still awaiting an answer are sent again", ready.InputAddress.AbsolutePath);
        reached.TrySetResult();
        return Task.CompletedTask;
    }

    public Task Faulted(ReceiveEndpointFaulted faulted) => MarkDown(faulted.InputAddress);

    public Task Stopping(ReceiveEndpointStopping stopping) => MarkDown(stopping.InputAddress);

    public Task Completed(ReceiveEndpointCompleted completed) => MarkDown(completed.InputAddress);

    private Task MarkDown(Uri address)
    {
        lock (_lock) _down.Add(address);
        return Task.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
