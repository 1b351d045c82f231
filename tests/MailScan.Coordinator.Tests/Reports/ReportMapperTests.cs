using System.Text.Json;
using System.Text.Json.Nodes;
using MailScan.Checks.Discovery;
using MailScan.Checks.Input;
using MailScan.Checks.Ipv6.NameServers;
using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Checks.Verdicts;
using MailScan.Coordinator.Reports;

namespace MailScan.Coordinator.Tests.Reports;

public sealed class ReportMapperTests
{
    private static ScanReport Report()
    {
        var servers = new MailServerEvidence("example.nl", "NOERROR", false,
            [new HostAddresses("mx.example.nl", 10, ["192.0.2.25"], ["2001:db8::25"], "NOERROR", "SERVFAIL")],
            "NOERROR", "example.nl", []);
        var category = new CategoryResult("mail_ipv6", "Modern address (IPv6)", TestStatus.NotTestable, "summary",
        [
            new SubtestResult("mail_ipv6_mx_reach", TestStatus.NotTestable, "address not allowed", new JsonObject { ["addresses"] = new JsonArray("2001:db8::25") }),
            new SubtestResult("mail_starttls_cert_chain", TestStatus.Info, "self-signed", null),
        ]) { Elapsed = TimeSpan.FromMilliseconds(1500), Score = new CategoryScore(50, "score over 1 of 2 mail servers", 1, 2) };
        var probe = ProbeResult.Completed(new ProbeKey(SmtpGreetingProbe.Name, "2001:db8::25"),
            new SmtpEvidence("2001:db8::25", 25, SmtpConnectState.Greeted, 220, "hi", true, ["STARTTLS"], 1, 2), TimeSpan.FromMilliseconds(30)) with { Reused = true };
        var refused = ProbeResult.NotCompleted(new ProbeKey(NameServerReachProbe.Name, "10.0.0.1"), ProbeOutcome.NotAllowed, "address not allowed: 10.0.0.1 is private", TimeSpan.Zero);
        return new ScanReport(DomainName.Parse("Example.NL."), DateTimeOffset.Parse("2026-11-29T00:00:00Z"), TimeSpan.FromSeconds(2), [category], servers, [probe, refused]);
    }

    [Fact]
    public void The_json_form_uses_the_contract_names_and_status_words()
    {
        using var json = JsonDocument.Parse(ReportMapper.ToJson(ReportMapper.ToProto(Report())));
        var root = json.RootElement;

        Assert.Equal("example.nl", root.GetProperty("domain").GetString());
        Assert.Equal("Example.NL.", root.GetProperty("input").GetString());
        Assert.Equal("2026-11-29T00:00:00Z", root.GetProperty("startedAt").GetString());
        var category = root.GetProperty("categories")[0];
        Assert.Equal("NOT_TESTABLE", category.GetProperty("status").GetString());
        Assert.Equal("1.500s", category.GetProperty("elapsed").GetString());
        var tests = category.GetProperty("tests");
        Assert.Equal("mail_ipv6_mx_reach", tests[0].GetProperty("id").GetString());
        Assert.True(tests[0].GetProperty("scoring").GetBoolean());
        Assert.Equal("2001:db8::25", tests[0].GetProperty("details").GetProperty("addresses")[0].GetString());
        Assert.False(tests[1].TryGetProperty("scoring", out _));
        Assert.Equal("MANDATORY", tests[0].GetProperty("level").GetString());
        Assert.Equal("INFORMATIONAL", tests[1].GetProperty("level").GetString());
    }

    [Fact]
    public void Scores_are_present_when_there_is_one_and_absent_when_not()
    {
        using var json = JsonDocument.Parse(ReportMapper.ToJson(ReportMapper.ToProto(Report())));
        var root = json.RootElement;
        var category = root.GetProperty("categories")[0];
        Assert.Equal(50, category.GetProperty("score").GetInt32());
        Assert.Equal("score over 1 of 2 mail servers", category.GetProperty("scoreNote").GetString());
        Assert.Equal(50, root.GetProperty("score").GetInt32());

        var unscored = Report() with { Categories = [Report().Categories[0] with { Score = CategoryScore.None("nothing could be tested") }] };
        var proto = ReportMapper.ToProto(unscored);
        Assert.False(proto.Categories[0].Score.HasValue);
        Assert.False(proto.Score.HasValue);
        Assert.Contains("nothing could be tested", proto.ScoreNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Servers_and_probes_keep_their_evidence()
    {
        using var json = JsonDocument.Parse(ReportMapper.ToJson(ReportMapper.ToProto(Report())));
        var root = json.RootElement;

        var mx = root.GetProperty("servers").GetProperty("mx")[0];
        Assert.Equal("mx.example.nl", mx.GetProperty("name").GetString());
        Assert.Equal("AAAA: SERVFAIL", mx.GetProperty("error").GetString());
        var probes = root.GetProperty("probes").EnumerateArray().ToList();
        Assert.Equal("COMPLETED", probes[0].GetProperty("outcome").GetString());
        Assert.True(probes[0].GetProperty("reused").GetBoolean());
        Assert.Equal(220, probes[0].GetProperty("evidence").GetProperty("greetingCode").GetInt32());
        Assert.Equal("GREETED", probes[0].GetProperty("evidence").GetProperty("state").GetString());
        Assert.Equal("NOT_ALLOWED", probes[1].GetProperty("outcome").GetString());
        Assert.StartsWith("address not allowed", probes[1].GetProperty("reason").GetString());
    }
}
