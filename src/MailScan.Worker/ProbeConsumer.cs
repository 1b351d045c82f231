using MailScan.Checks.Scanning;
using MailScan.Contracts.Bus;
using MassTransit;

namespace MailScan.Worker;

/// <summary>Runs the probe a <see cref="RunProbe"/> asks for and responds with its result. Stateless.</summary>
public sealed class ProbeConsumer(InProcessProbeDispatcher probes) : IConsumer<RunProbe>
{
    public async Task Consume(ConsumeContext<RunProbe> context)
    {
        var result = await probes.DispatchAsync(context.Message.ToRequest(), context.CancellationToken).ConfigureAwait(false);
        await context.RespondAsync(result.ToMessage()).ConfigureAwait(false);
    }
}
