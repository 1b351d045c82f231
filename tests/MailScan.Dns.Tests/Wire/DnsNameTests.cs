using MailScan.Dns.Wire;
using MailScan.Tests.Shared;

namespace MailScan.Dns.Tests.Wire;

/// <summary>Names: canonical order and form (RFC 4034 §6), escapes, limits.</summary>
public sealed class DnsNameTests
{
    [Fact]
    public void Names_sort_in_the_canonical_order_of_rfc_4034()
    {
        // RFC 4034 §6.1's example, in its order.
        string[] ordered = ["example", "a.example", "yljkjljk.a.example", "Z.a.example", "zABC.a.EXAMPLE", "z.example", "\\001.z.example", "*.z.example", "\\200.z.example"];
        var names = ordered.Select(DnsName.Parse).Reverse().ToList();

        names.Sort();

        Assert.Equal(ordered, names.Select(n => n.Display));
    }

    [Fact]
    public void Names_compare_equal_without_regard_to_ascii_case_and_keep_their_case()
    {
        var upper = DnsName.Parse("MAIL.Example.NL.");
        var lower = DnsName.Parse("mail.example.nl");

        Assert.Equal(lower, upper);
        Assert.Equal(lower.GetHashCode(), upper.GetHashCode());
        Assert.Equal("MAIL.Example.NL", upper.Display);
        Assert.Equal([4, .. "mail"u8, 7, .. "example"u8, 2, .. "nl"u8, 0], upper.ToWire(canonical: true));
    }

    [Theory]
    [InlineData("a\\.b.example", 2, "a\\.b.example")]
    [InlineData("\\065.example", 2, "A.example")]
    [InlineData("\\000.example", 2, "\\000.example")]
    public void Escapes_give_the_octets_they_name(string text, int labels, string display)
    {
        var name = DnsName.FromPresentation(text).Value!;
        Assert.Equal(labels, name.LabelCount);
        Assert.Equal(display, name.Display);
    }

    [Theory]
    [InlineData("", DnsNameFault.Empty, 0)]
    [InlineData(null, DnsNameFault.Empty, 0)]
    [InlineData("a..b", DnsNameFault.EmptyLabel, 2)]
    [InlineData(".a", DnsNameFault.EmptyLabel, 0)]
    [InlineData("\\256.example", DnsNameFault.BadEscape, 0)]
    [InlineData("example\\", DnsNameFault.BadEscape, 7)]
    [InlineData("caf\u00e9.example", DnsNameFault.NotAscii, 3)]
    public void Malformed_names_say_what_is_wrong_and_where(string? text, DnsNameFault fault, int position) =>
        Assert.Equal(new DnsNameError(fault, position), DnsName.FromPresentation(text).Error);

    [Fact]
    public void Labels_over_63_octets_and_names_over_255_are_refused()
    {
        Assert.Equal(DnsNameFault.LabelTooLong, DnsName.FromPresentation(new string('a', 64) + ".example").Error!.Fault);
        Assert.Equal(DnsNameFault.LabelTooLong, DnsName.FromPresentation(new string('a', 63) + "\\065").Error!.Fault);
        Assert.True(DnsName.FromPresentation(new string('a', 63) + ".example").IsValid);
        var label = new string('a', 63);
        Assert.Equal(DnsNameFault.NameTooLong, DnsName.FromPresentation(string.Join('.', label, label, label, label)).Error!.Fault);
        Assert.Equal(DnsNameFault.NameTooLong, DnsName.FromPresentation(string.Join('.', label, label, label, label, "a")).Error!.Fault);
        Assert.True(DnsName.FromPresentation(string.Join('.', label, label, label, new string('a', 61))).IsValid);
        Assert.True(DnsName.FromPresentation(string.Join('.', label, label, label, new string('a', 61)) + ".").IsValid);
    }

    [Fact]
    public void Random_text_never_throws_and_a_name_read_reads_again_the_same()
    {
        var random = new Random(14);
        for (var i = 0; i < 5000; i++)
        {
            var text = RandomText.Next(random, "ab.-\\09\u00e9", 300);
            if (DnsName.FromPresentation(text).Value is { } name)
                Assert.Equal(name, DnsName.FromPresentation(name.ToString()).Value);
        }
    }

    [Fact]
    public void Ancestors_and_wildcards_are_built_from_the_right()
    {
        var name = DnsName.Parse("a.b.example.nl");

        Assert.Equal(DnsName.Parse("example.nl"), name.Ancestor(2));
        Assert.Equal(DnsName.Parse("*.b.example.nl"), name.Parent().Wildcard());
        Assert.Equal(DnsName.Parse("example.nl"), name.CommonAncestor(DnsName.Parse("c.example.nl")));
        Assert.True(name.IsBelow(DnsName.Parse("Example.NL")));
        Assert.False(name.IsBelow(name));
    }
}
