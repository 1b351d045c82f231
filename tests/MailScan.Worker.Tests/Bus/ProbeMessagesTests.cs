using System.Text.Json;
using MailScan.Checks.Scanning;
using MailScan.Contracts.Bus;
using MailScan.Worker.Bus;

namespace MailScan.Worker.Tests.Bus;

/// <summary>A probe request and its result cross the bus unchanged, and an outcome word no side knows is a failure.</summary>
public sealed class ProbeMessagesTests
{
    [Fact]
    public void A_request_survives_the_round_trip()
    {
        var request = new ProbeRequest(new ProbeKey("smtp.starttls", "192.0.2.25"), "mx.example.nl");
        Assert.Equal(request, request.ToMessage().ToRequest());
    }

    [Theory]
    [InlineData(ProbeOutcome.Completed)]
    [InlineData(ProbeOutcome.NotAllowed)]
    [InlineData(ProbeOutcome.TimedOut)]
    [InlineData(ProbeOutcome.Failed)]
    public void A_result_survives_the_round_trip(ProbeOutcome outcome)
    {
        var evidence = JsonSerializer.SerializeToElement(new { greeting = "220 mx.example.nl" });
        var result = new ProbeResult(new ProbeKey("smtp.greeting", "2001:db8::25"), outcome, "why", evidence, TimeSpan.FromMilliseconds(12.5));

        var back = result.ToMessage().ToResult();

        Assert.Equal((result.Key, result.Outcome, result.Reason, result.Elapsed), (back.Key, back.Outcome, back.Reason, back.Elapsed));
        Assert.Equal(evidence.GetRawText(), back.Evidence?.GetRawText());
    }

    [Fact]
    public void An_unknown_outcome_word_reads_as_failed()
    {
        var message = new ProbeFinished("dns.servers", "example.nl", "Exploded", "", null, 1);
        Assert.Equal(ProbeOutcome.Failed, message.ToResult().Outcome);
    }

    [Fact]
    public void Every_probe_family_has_its_own_queue()
    {
        var queues = ProbeQueues.Families.Select(ProbeQueues.ForFamily).ToList();
        Assert.Equal(queues.Count, queues.Distinct(StringComparer.Ordinal).Count());
        Assert.NotEmpty(queues);
    }
}
