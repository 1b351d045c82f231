using MailScan.Checks.Input;

namespace MailScan.Checks.Tests.Input;

public sealed class BatchNameCollectorTests
{
    [Fact]
    public async Task Blank_lines_comments_and_a_byte_order_mark_are_skipped()
    {
        var collector = new BatchNameCollector(100);
        await collector.AddLinesAsync(new StringReader("\uFEFFexample.nl\n\n   \n# a comment\nexample.org   # trailing comment\n"), CancellationToken.None);
        Assert.Equal(["example.nl", "example.org"], collector.Names.Select(n => n.Ascii));
        Assert.Equal(0, collector.RejectedCount);
    }

    [Fact]
    public async Task Unquoted_lines_are_rejected_by_number_alone_and_the_next_lines_are_quoted_again()
    {
        var collector = new BatchNameCollector(100);
        await collector.AddLinesAsync(new StringReader("good.nl\nsecret..line\n"), CancellationToken.None, quoteLines: false);
        collector.Add("bad..name");

        Assert.Equal([(2L, "", "not a valid domain name"), (3L, "bad..name", collector.Rejected[1].Reason)],
            collector.Rejected.Select(r => (r.Position, r.Input, r.Reason)));
        Assert.Contains("empty label", collector.Rejected[1].Reason);
    }

    [Fact]
    public void Duplicates_are_found_after_normalisation_and_counted()
    {
        var collector = new BatchNameCollector(100);
        foreach (var line in new[] { "Example.NL", "example.nl.", "postmaster@example.nl", "bücher.example", "xn--bcher-kva.example" })
            collector.Add(line);
        Assert.Equal(["example.nl", "xn--bcher-kva.example"], collector.Names.Select(n => n.Ascii));
        Assert.Equal(3, collector.Duplicates);
        Assert.Equal("bücher.example", collector.Names[1].Input);
    }

    [Fact]
    public void Invalid_lines_are_reported_with_their_line_numbers_and_the_rest_is_kept()
    {
        var collector = new BatchNameCollector(100);
        foreach (var line in new[] { "good.nl", "bad..name", "# comment", "192.0.2.1", "also-good.nl", new string('a', 10_240) })
            collector.Add(line);
        Assert.Equal(["good.nl", "also-good.nl"], collector.Names.Select(n => n.Ascii));
        Assert.Equal([2L, 4L, 6L], collector.Rejected.Select(r => r.Position));
        Assert.Contains("empty label", collector.Rejected[0].Reason);
        Assert.Contains("IP address", collector.Rejected[1].Reason);
        Assert.True(collector.Rejected[2].Input.Length < 200, "a 10 KiB line is shortened in the report");
    }

    [Fact]
    public void More_distinct_names_than_the_limit_mark_the_batch_over_the_limit()
    {
        var collector = new BatchNameCollector(2);
        foreach (var line in new[] { "a.nl", "b.nl", "a.nl", "c.nl" })
            collector.Add(line);
        Assert.True(collector.OverLimit);
        Assert.Equal(2, collector.Names.Count);
    }

    [Fact]
    public void Only_the_first_thousand_rejections_are_kept_but_all_are_counted()
    {
        var collector = new BatchNameCollector(10);
        for (var i = 0; i < 1500; i++)
            collector.Add("bad..name");
        Assert.Equal(1500, collector.RejectedCount);
        Assert.Equal(BatchNameCollector.KeptRejections, collector.Rejected.Count);
    }

    [Fact]
    public async Task An_endless_line_is_one_rejection_without_its_text_and_the_next_line_still_counts()
    {
        var collector = new BatchNameCollector(100);
        await collector.AddLinesAsync(new StringReader(new string('a', 5_000_000) + "\nexample.nl\n"), CancellationToken.None);

        Assert.Equal(1, collector.RejectedCount);
        var rejected = collector.Rejected.Single();
        Assert.Equal((1L, string.Empty), (rejected.Position, rejected.Input));
        Assert.Contains("longer than 1024 characters", rejected.Reason);
        Assert.Equal(["example.nl"], collector.Names.Select(n => n.Ascii));
    }

    [Fact]
    public void Past_the_limit_names_are_not_remembered_even_as_duplicates()
    {
        var collector = new BatchNameCollector(2);
        foreach (var name in new[] { "a.nl", "b.nl", "c.nl", "a.nl", "c.nl" })
            collector.Add(name);

        Assert.True(collector.OverLimit);
        Assert.Equal(1, collector.Duplicates);
        Assert.Equal(["a.nl", "b.nl"], collector.Names.Select(n => n.Ascii));
    }
}
