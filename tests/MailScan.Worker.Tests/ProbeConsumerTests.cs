using System.Text.Json;
using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Contracts.Bus;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Worker.Tests;

/// <summary>The consumer on MassTransit's in-memory harness: a request in, the probe's result out, a malformed request faulted.</summary>
public sealed class ProbeConsumerTests
{
    [Fact]
    public async Task A_probe_request_is_answered_with_the_probes_result()
    {
        await using var provider = Harness();
        var harness = await StartAsync(provider);

        var response = await harness.GetRequestClient<RunProbe>().GetResponse<ProbeFinished>(new RunProbe(EchoProbe.KindName, "mx.example.nl", null));

        Assert.Equal((EchoProbe.KindName, "mx.example.nl", "completed"), (response.Message.Kind, response.Message.Target, response.Message.Outcome.ToLowerInvariant()));
        Assert.Equal("mx.example.nl", response.Message.Evidence?.GetProperty("target").GetString());
        Assert.True(await harness.Consumed.Any<RunProbe>());
    }

    [Theory]
    [InlineData("", "mx.example.nl")]
    [InlineData(EchoProbe.KindName, " ")]
    public async Task A_malformed_request_faults_instead_of_running_a_probe(string kind, string target)
    {
        await using var provider = Harness();
        var harness = await StartAsync(provider);

        var fault = await Assert.ThrowsAsync<RequestFaultException>(() =>
            harness.GetRequestClient<RunProbe>().GetResponse<ProbeFinished>(new RunProbe(kind, target, null)));

        Assert.Contains(fault.Fault!.Exceptions, e => e.ExceptionType.EndsWith(nameof(MalformedProbeException), StringComparison.Ordinal));
        Assert.Equal(0, EchoProbe.Runs(provider));
    }

    [Fact]
    public async Task An_overlong_target_faults()
    {
        await using var provider = Harness();
        var harness = await StartAsync(provider);

        await Assert.ThrowsAsync<RequestFaultException>(() =>
            harness.GetRequestClient<RunProbe>().GetResponse<ProbeFinished>(new RunProbe(EchoProbe.KindName, new string('a', 2000), null)));
        Assert.Equal(0, EchoProbe.Runs(provider));
    }

    private static ServiceProvider Harness() =>
        new ServiceCollection()
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new MailScanOptions()))
            .AddSingleton<EchoProbe>()
            .AddSingleton<IProbe>(sp => sp.GetRequiredService<EchoProbe>())
            .AddSingleton<InProcessProbeDispatcher>()
            .AddSingleton(new ProbeWorkSlots(4))
            .AddMassTransitTestHarness(bus => bus.AddConsumer<ProbeConsumer>())
            .BuildServiceProvider(true);

    private static async Task<ITestHarness> StartAsync(IServiceProvider provider)
    {
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return harness;
    }

    /// <summary>A probe whose evidence is the target it was asked about.</summary>
    private sealed class EchoProbe : IProbe
    {
        public const string KindName = "test.echo";
        private int _runs;

        public string Kind => KindName;

        public static int Runs(IServiceProvider provider) => provider.GetRequiredService<EchoProbe>()._runs;

        public Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return Task.FromResult(ProbeResult.Completed(request.Key, new { target = request.Key.Target }, TimeSpan.Zero));
        }
    }
}
