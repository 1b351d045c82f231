using System.Text.Json;
using MailScan.Contracts.Bus;

namespace MailScan.Contracts.Tests;

/// <summary>The bus messages cross a broker as JSON and come back equal, evidence included.</summary>
public sealed class BusMessagesTests
{
    [Fact]
    public void A_probe_request_survives_json()
    {
        var message = new RunProbe("smtp.starttls", "192.0.2.25", "mx.example.nl");
        Assert.Equal(message, JsonSerializer.Deserialize<RunProbe>(JsonSerializer.Serialize(message)));
    }

    [Fact]
    public void A_request_without_hint_keeps_it_absent()
    {
        var back = JsonSerializer.Deserialize<RunProbe>(JsonSerializer.Serialize(new RunProbe("dns.servers", "example.nl", null)));
        Assert.Null(back!.Hint);
    }

    [Fact]
    public void A_probe_answer_keeps_its_evidence_text()
    {
        var evidence = JsonSerializer.SerializeToElement(new { greeting = "220 mx.example.nl", codes = new[] { 220, 250 } });
        var message = new ProbeFinished("smtp.greeting", "2001:db8::25", "Completed", "", evidence, 12.5);

        var back = JsonSerializer.Deserialize<ProbeFinished>(JsonSerializer.Serialize(message))!;

        Assert.Equal((message.Kind, message.Target, message.Outcome, message.Reason, message.ElapsedMilliseconds),
            (back.Kind, back.Target, back.Outcome, back.Reason, back.ElapsedMilliseconds));
        Assert.Equal(evidence.GetRawText(), back.Evidence?.GetRawText());
    }
}
