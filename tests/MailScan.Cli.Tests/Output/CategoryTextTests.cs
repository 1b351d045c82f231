using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using MailScan.Cli.Output;
using MailScan.Coordinator.Reports;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Tests.Output;

/// <summary>The text report of captured lab reports: sections, labels, tables, colour and what servers may not print.</summary>
public sealed class CategoryTextTests
{
    private static readonly TextReportStyle Plain = new(Colour: false, Ids: false);

    private static List<string> Lines(string domain, string category, TextReportStyle? style = null) =>
        CategoryText.Lines(CapturedReports.Of(domain).Categories.Single(c => c.Id == category), style ?? Plain).ToList();

    [Fact]
    public void Every_sub_test_of_the_captured_reports_has_a_readable_label()
    {
        var ids = CapturedReports.All.SelectMany(r => r.Categories).SelectMany(c => c.Tests).Select(t => t.Id).Distinct();
        Assert.All(ids, id => Assert.NotEqual(id, SubtestLabels.Of(id).Label));
    }

    [Fact]
    public void The_first_line_is_the_verdict_word_and_the_heading()
    {
        Assert.Equal("Failed : Modern address (IPv6)", Lines("ipv6-mx-dead.test", "mail_ipv6")[0]);
        Assert.Equal("Passed : Route authorisation (RPKI)", Lines("ipv6-mx-dead.test", "mail_rpki")[0]);
    }

    [Fact]
    public void The_score_follows_the_heading_with_its_note_or_why_there_is_none()
    {
        Assert.Equal("  Score: 50 %", Lines("ipv6-mx-dead.test", "mail_ipv6")[1]);
        Assert.Equal("  Score: 53 %", Lines("ipv6-mx-dead.test", "mail_starttls")[1]);
        Assert.Equal("  Score: none (none of the 1 mail servers could be tested)", Lines("tls-421.test", "mail_starttls")[1]);
    }

    [Fact]
    public void A_server_that_could_not_be_measured_reads_not_testable()
    {
        Assert.Contains(Lines("tls-421.test", "mail_starttls"), l => l == "    Not testable    STARTTLS available");
    }

    [Fact]
    public void A_warning_reads_as_recommendation_and_info_as_information()
    {
        Assert.Equal("Recommendation", StatusWords.Word(V1.Status.Warning));
        Assert.Equal("Information", StatusWords.Word(V1.Status.Info));
    }

    [Fact]
    public void Sub_tests_are_grouped_under_the_sections_in_report_order()
    {
        var sections = Sections(Lines("dane-ee.test", "mail_starttls"));
        Assert.Equal(["TLS", "Certificate", "DANE"], sections);
        Assert.Equal(["Name servers of domain", "Mail server(s)"], Sections(Lines("ipv6-mx-dead.test", "mail_ipv6")));
        Assert.Equal(["Email address domain", "Mail server domain(s)", SubtestLabels.Beyond], Sections(Lines("bogus-expired.test", "mail_dnssec")));
        Assert.Equal(["DMARC", "DKIM", "SPF", SubtestLabels.Beyond], Sections(Lines("dmarc-ext-missing.test", "mail_auth")));
        Assert.Equal(["Mail server(s)", "Name servers of domain", "Name servers of mail server(s)"], Sections(Lines("rpki-invalid-as.test", "mail_rpki")));
    }

    [Fact]
    public void The_technical_table_has_a_row_per_server_with_its_address_and_finding()
    {
        var text = string.Join('\n', Lines("ipv6-mx-dead.test", "mail_ipv6"));
        Assert.Matches(@"\n {6}Server +Address +Found\n {6}mx1\.ipv6-mx-dead\.test +fd00:dead:4:25::3 +connection refused", text);
    }

    [Fact]
    public void Route_origin_tables_name_prefix_origin_and_state()
    {
        var text = string.Join('\n', Lines("rpki-invalid-as.test", "mail_rpki"));
        Assert.Matches(@"Server +Address +Route +Origin +Validity", text);
        Assert.Matches(@"mx1\.rpki-invalid-as\.test +127\.104\.\d+\.\d+ +127\.104\.\d+\.0/24 +AS\d+ +invalid", text);
    }

    [Fact]
    public void Columns_of_a_table_start_at_the_same_place_in_every_row()
    {
        var lines = Lines("dane-ee.test", "mail_starttls");
        var header = lines.FindIndex(l => l.TrimStart().StartsWith("Mail server ", StringComparison.Ordinal));
        var addressColumn = lines[header].IndexOf("Address", StringComparison.Ordinal);
        var row = lines[header + 1];
        Assert.Equal(' ', row[addressColumn - 1]);
        Assert.NotEqual(' ', row[addressColumn]);
    }

    [Fact]
    public void Lines_keep_within_the_width_unless_one_word_is_longer()
    {
        foreach (var report in CapturedReports.All)
        {
            foreach (var line in report.Categories.SelectMany(c => CategoryText.Lines(c, Plain)))
                Assert.True(line.Length <= Plain.Width || line.Trim().Split("  ").Last().Split(' ').Any(w => w.Length > 30), line);
        }
    }

    [Fact]
    public void Colour_codes_appear_only_when_asked_for()
    {
        var report = CapturedReports.Of("ipv6-mx-dead.test");
        Assert.DoesNotContain(report.Categories.SelectMany(c => CategoryText.Lines(c, Plain)), l => l.Contains('\u001b'));
        var coloured = CategoryText.Lines(report.Categories[0], Plain with { Colour = true }).ToList();
        Assert.StartsWith("\u001b[31mFailed\u001b[0m : ", coloured[0]);
    }

    [Fact]
    public void Ids_stand_beside_the_labels_with_the_flag()
    {
        var lines = Lines("ipv6-mx-dead.test", "mail_ipv6", Plain with { Ids = true });
        Assert.Contains(lines, l => l.EndsWith("IPv6 reachability of mail server(s)  [mail_ipv6_mx_reach]", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines("ipv6-mx-dead.test", "mail_ipv6"), l => l.Contains("[mail_ipv6_mx_reach]", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_a_server_sends_reaches_the_terminal_as_a_control_character()
    {
        var category = CapturedReports.Of("ipv6-mx-dead.test").Categories[0].Clone();
        var reach = category.Tests.Single(t => t.Id == "mail_ipv6_mx_reach");
        reach.Reason = "refused: 554 \u001b[2J\u001b]0;owned\u0007 bye\r\n";
        var row = reach.Details.Fields["addresses"].ListValue.Values[0].StructValue;
        row.Fields["result"] = Value.ForString("greets with 220 \u001b[31mred\u009b2J");
        row.Fields["host"] = Value.ForString("mx\u202e.example");
        category.Heading += "\u001b[1m";
        category.Summary += "\u0000";

        var lines = CategoryText.Lines(category, Plain).ToList();

        Assert.All(lines, line => Assert.DoesNotMatch(@"[\u0000-\u001f\u007f-\u009f\u202e]", line));
        Assert.Contains(lines, l => l.Contains("\\x1B[2J", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("mx\\u202E.example", StringComparison.Ordinal));
    }

    /// <summary>Section names: the lines after a blank line indented by two spaces.</summary>
    private static List<string> Sections(List<string> lines) =>
        lines.Where((line, i) => i > 0 && lines[i - 1].Length == 0 && Regex.IsMatch(line, "^  [^ ]")).Select(l => l.Trim()).ToList();

    [Fact]
    public void A_strict_server_gets_its_sentence_under_the_summary_and_an_ordinary_one_none()
    {
        var category = CapturedReports.Of("dane-ee.test").Categories.Single(c => c.Id == "mail_starttls").Clone();
        Assert.DoesNotContain(CategoryText.Lines(category, Plain), l => l.Contains("strict mail server", StringComparison.Ordinal));

        category.StrictServers.Add(new V1.StrictServer
        {
            Mx = "mx.strict.test",
            Address = "192.0.2.25",
            Why = "a greeting after up to 8.0 s",
            Connections = 15,
            Took = Duration.FromTimeSpan(TimeSpan.FromSeconds(125)),
            Budget = Duration.FromTimeSpan(TimeSpan.FromMinutes(10)),
        });
        var text = string.Join(" ", CategoryText.Lines(category, Plain).Select(l => l.Trim()));

        Assert.Contains("mx.strict.test (192.0.2.25) is a strict mail server: a greeting after up to 8.0 s. Its evaluation took 2.1 min of the 10 min "
            + "allowed for a strict server, over 15 connections; every sub-test was measured.", text);
    }
}
