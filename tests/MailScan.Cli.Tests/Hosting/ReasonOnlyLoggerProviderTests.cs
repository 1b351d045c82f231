using System.Net.Sockets;
using MailScan.Cli.Hosting;

namespace MailScan.Cli.Tests.Hosting;

public sealed class ReasonOnlyLoggerProviderTests
{
    [Fact]
    public void The_reason_is_the_outer_message_and_the_innermost_cause()
    {
        var refused = new InvalidOperationException("None of the specified endpoints were reachable",
            new AggregateException(new IOException("Connection failed", new SocketException((int)SocketError.ConnectionRefused))));

        Assert.Equal($"None of the specified endpoints were reachable: {new SocketException((int)SocketError.ConnectionRefused).Message}", ReasonOnlyLoggerProvider.Reason(refused));
        Assert.Equal("plain", ReasonOnlyLoggerProvider.Reason(new InvalidOperationException("plain")));
    }
}
