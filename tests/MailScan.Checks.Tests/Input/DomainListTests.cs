using MailScan.Checks.Input;
using MailScan.Tests.Shared;

namespace MailScan.Checks.Tests.Input;

public sealed class DomainListTests
{
    [Fact]
    public void Blank_lines_comments_bom_and_crlf_are_skipped_and_line_numbers_kept()
    {
        var list = DomainList.Parse("\uFEFF# my domains\r\nexample.nl\r\n\r\n   \r\n  example.com   # the other one\r\n");
        Assert.Empty(list.Problems);
        Assert.Equal([(2, "example.nl"), (5, "example.com")], list.Entries.Select(e => (e.Line, e.Name.Ascii)));
    }

    [Fact]
    public void Idn_names_become_their_ascii_form_and_count_as_duplicates_of_it()
    {
        var list = DomainList.Parse("bücher.de\nxn--bcher-kva.de\nBÜCHER.DE.\npostmaster@bücher.de");
        var entry = Assert.Single(list.Entries);
        Assert.Equal("xn--bcher-kva.de", entry.Name.Ascii);
        Assert.Equal([2, 3, 4], list.Problems.Select(p => p.Line));
        Assert.All(list.Problems, p =>
        {
            Assert.True(p.Duplicate);
            Assert.Equal("xn--bcher-kva.de is on line 1 already; scanned once", p.Reason);
        });
    }

    [Fact]
    public void Invalid_lines_are_reported_with_their_number_and_the_rest_is_kept()
    {
        var list = DomainList.Parse("good.nl\nbad..name\n192.0.2.1\n" + new string('a', 300) + ".nl\nalso-good.nl\n-bad-.nl");
        Assert.Equal(["good.nl", "also-good.nl"], list.Entries.Select(e => e.Name.Ascii));
        Assert.Equal([2, 3, 4, 6], list.Problems.Select(p => p.Line));
        Assert.Contains("empty label", list.Problems[0].Reason);
        Assert.Contains("IP address", list.Problems[1].Reason);
        Assert.All(list.Problems, p => Assert.False(p.Duplicate));
        Assert.Equal([DomainNameFault.EmptyLabel, DomainNameFault.IpAddress, DomainNameFault.TooLong, DomainNameFault.Hyphen],
            list.Problems.Select(p => p.InvalidName!.Fault));
    }

    [Fact]
    public void Random_text_never_throws_and_every_line_is_accounted_for()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var text = RandomText.Next(random, "ab.-#@ \t\r\nü\u0000\uFEFF1x", 60);
            var list = DomainList.Parse(text);
            var lines = text.Split('\n').Length;
            Assert.All(list.Entries.Select(e => e.Line).Concat(list.Problems.Select(p => p.Line)), n => Assert.InRange(n, 1, lines));
            Assert.Equal(list.Entries.Count, list.Entries.Select(e => e.Name.Ascii).Distinct().Count());
        }
    }
}
