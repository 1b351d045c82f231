using MailScan.Cli.Batch;
using Microsoft.Extensions.Time.Testing;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Tests.Batch;

public sealed class ProgressLineTests
{
    private static string Line(V1.BatchStatus status)
    {
        var output = new StringWriter();
        new ProgressLine(output, terminal: false, new FakeTimeProvider()).Show(status);
        return output.ToString();
    }

    [Fact]
    public void The_line_counts_the_domains_waiting_on_strict_servers_beside_those_in_flight()
    {
        var status = new V1.BatchStatus { State = V1.BatchState.Running, Total = 10, Done = 6, InFlight = 3, WaitingOnStrictServers = 2 };

        Assert.Contains("6/10 done, 0 failed, 3 in flight (2 waiting on strict servers), ", Line(status));
    }

    [Fact]
    public void Without_domains_waiting_on_strict_servers_the_line_does_not_mention_them()
    {
        var status = new V1.BatchStatus { State = V1.BatchState.Running, Total = 10, Done = 6, InFlight = 3 };

        Assert.DoesNotContain("strict", Line(status));
    }
}
