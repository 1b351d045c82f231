using MailScan.Checks.Scanning;
using MailScan.Checks.Verdicts;
using MailScan.Cli.Output;

namespace MailScan.Cli.Tests.Output;

public sealed class TerminalTextTests
{
    [Fact]
    public void Escape_sequences_and_bidi_overrides_become_visible_and_plain_text_stays()
    {
        Assert.Equal("mx.example.nl ESMTP ready", TerminalText.Clean("mx.example.nl ESMTP ready"));
        Assert.Equal("220 \\u001b]0;pwned\\u0007 hi\\u000d\\u000a", TerminalText.Clean("220 \u001b]0;pwned\u0007 hi\r\n"));
        Assert.Equal("v=spf1 \\u202e-all", TerminalText.Clean("v=spf1 \u202e-all"));
        Assert.Equal("\\u009b31m", TerminalText.Clean("\u009b31m"));
    }

    [Fact]
    public void The_human_report_prints_a_hostile_greeting_without_its_escape_sequence()
    {
        var output = new StringWriter();
        var printer = new ReportPrinter(output, colour: false);
        var reason = "greeting: 220 evil.example \u001b[2J\u001b]0;owned\u0007";
        printer.Category(new CategoryResult(CategoryIds.All[0], "Modern address (IPv6)", TestStatus.Failed, "summary",
            [new SubtestResult("mail_ipv6_mx_reach", TestStatus.Failed, reason)]));

        Assert.DoesNotContain('\u001b', output.ToString());
        Assert.DoesNotContain('\u0007', output.ToString());
        Assert.Contains("220 evil.example \\u001b[2J", output.ToString());
    }
}
