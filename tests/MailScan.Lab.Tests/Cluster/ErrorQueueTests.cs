using MailScan.Contracts.Bus;
using MailScan.Worker;
using MailScan.Worker.Bus;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>A message no worker can run lands in the error queue with the reason, and the worker goes on.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ErrorQueueTests
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    [Fact]
    public async Task A_malformed_probe_message_goes_to_the_error_queue_with_the_reason_and_the_worker_goes_on()
    {
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 1);
        var marker = new string('x', 2000) + Guid.NewGuid().ToString("N");
        var reasons = new List<string>();
        var (host, user, password, _) = RabbitMqAddress.Parse(_lab.RabbitMq);
        var services = new ServiceCollection();
        services.AddMassTransit(bus => bus.UsingRabbitMq((context, rabbit) =>
        {
            rabbit.Host(host, h =>
            {
                h.Username(user);
                h.Password(password);
            });
            rabbit.ReceiveEndpoint(ProbeQueues.ForFamily("dns") + "_error", endpoint =>
            {
                endpoint.ConfigureConsumeTopology = false;
                endpoint.Handler<RunProbe>(message =>
                {
                    if (message.Message.Target == marker)
                    {
                        lock (reasons)
                            reasons.Add(message.ReceiveContext.TransportHeaders.Get<string>("MT-Fault-Message") ?? "(no reason)");
                    }
                    return Task.CompletedTask;
                });
            });
        }));
        await using var provider = services.BuildServiceProvider();
        var control = provider.GetRequiredService<IBusControl>();
        await control.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        try
        {
            var send = await control.GetSendEndpoint(new Uri($"queue:{ProbeQueues.ForFamily("dns")}"));
            await send.Send(new RunProbe("dns.servers", marker, null));

            var until = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < until && reasons.Count == 0)
                await Task.Delay(200);
            Assert.True(reasons.Count == 1, $"the malformed message did not reach the error queue\n{cluster.Logs()}");
            Assert.Contains("malformed RunProbe", reasons[0]);

            // The worker still answers a good request.
            var client = control.CreateRequestClient<RunProbe>(new Uri($"queue:{ProbeQueues.ForFamily("dns")}"), RequestTimeout.After(s: 60));
            var answer = await client.GetResponse<ProbeFinished>(new RunProbe("dns.servers", _lab.Domains[0], null));
            Assert.Equal("Completed", answer.Message.Outcome);
        }
        finally
        {
            await control.StopAsync();
        }
    }
}
