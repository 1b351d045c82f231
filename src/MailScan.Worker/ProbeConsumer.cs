using MailScan.Checks.Scanning;
using MailScan.Contracts.Bus;
using MailScan.Worker.Bus;
using MassTransit;

namespace MailScan.Worker;

/// <summary>
/// Runs the probe a <see cref="RunProbe"/> asks for, in a work slot of its family
/// (<see cref="ProbeWorkSlots"/>: one that waits out a strict server frees it while it waits), and
/// responds with its result. Stateless.
/// </summary>
public sealed class ProbeConsumer(InProcessProbeDispatcher probes, ProbeWorkSlots slots) : IConsumer<RunProbe>
{
    private const int LongestTarget = 1024;

    public async Task Consume(ConsumeContext<RunProbe> context)
    {
        var message = context.Message;
        if (string.IsNullOrWhiteSpace(message.Kind) || string.IsNullOrWhiteSpace(message.Target) || message.Target.Length > LongestTarget)
            throw new MalformedProbeException($"malformed RunProbe: kind '{message.Kind}', target of {message.Target?.Length ?? 0} characters");
        var request = message.ToRequest();
        var result = await slots.RunAsync(ProbeKind.FamilyOf(request.Key.Kind), token => probes.DispatchAsync(request, token), context.CancellationToken).ConfigureAwait(false);
        await context.RespondAsync(result.ToMessage()).ConfigureAwait(false);
    }
}
