using System.Collections.Concurrent;
using MailScan.Checks.Scanning;

namespace MailScan.Checks.Tests.Scanning;

/// <summary>A dispatcher that answers from a table and counts what it was asked.</summary>
internal sealed class FakeDispatcher(Func<ProbeRequest, CancellationToken, Task<ProbeResult>> answer) : IProbeDispatcher
{
    public ConcurrentBag<ProbeKey> Asked { get; } = [];

    public Task<ProbeResult> DispatchAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        Asked.Add(request.Key);
        return answer(request, cancellationToken);
    }
}
