using Google.Protobuf;
using MailScan.Contracts.V1;
using MailScan.Coordinator.Batches;

namespace MailScan.Coordinator.Tests.Batches;

public sealed class LoggedResultTests
{
    private static DomainReport Report() => new() { Domain = "example.nl", Probes = { new ProbeRecord { Kind = "smtp", Target = "192.0.2.25", Reused = true } } };

    [Fact]
    public void A_result_read_into_a_message_hands_that_message_on_and_writes_the_same_bytes()
    {
        var message = Report();
        var result = new LoggedResult(7, message);

        Assert.Same(message, result.Message());
        Assert.Equal(message.ToByteArray(), result.Report);
        Assert.Equal(7, result.Cursor);
    }

    [Fact]
    public void A_result_kept_as_bytes_gives_each_caller_a_message_of_its_own()
    {
        var result = new LoggedResult(1, Report().ToByteArray());

        var first = result.Message();
        first.Domain = "changed.nl";

        Assert.Equal(Report(), result.Message());
        Assert.Equal(Report().ToByteArray(), result.Report);
    }
}
