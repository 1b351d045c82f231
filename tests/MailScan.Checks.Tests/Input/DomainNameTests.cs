using MailScan.Checks.Input;

namespace MailScan.Checks.Tests.Input;

public sealed class DomainNameTests
{
    [Theory]
    [InlineData("Example.NL", "example.nl")]
    [InlineData("example.nl.", "example.nl")]
    [InlineData("  example.nl  ", "example.nl")]
    [InlineData("postmaster@Example.nl", "example.nl")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("XN--BCHER-KVA.example", "xn--bcher-kva.example")]
    [InlineData("münchen.de", "xn--mnchen-3ya.de")]
    [InlineData("sub.domain.example.co.uk", "sub.domain.example.co.uk")]
    public void Valid_names_are_normalised_to_lower_case_a_labels(string input, string expected)
    {
        Assert.True(DomainName.TryParse(input, out var name, out var error), error);
        Assert.Equal(expected, name!.Ascii);
        Assert.Equal(input, name.Input);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("bad..name", "empty label")]
    [InlineData(".example.nl", "starts with a dot")]
    [InlineData("1.2.3.4", "IP address")]
    [InlineData("[2001:db8::1]", "IP address")]
    [InlineData("2001:db8::1", "IP address")]
    [InlineData("exa mple.nl", "contains ' '")]
    [InlineData("exa_mple.nl", "contains '_'")]
    [InlineData("-example.nl", "hyphen")]
    [InlineData("example-.nl", "hyphen")]
    [InlineData("localhost", "single label")]
    [InlineData("example.123", "numeric")]
    public void Invalid_names_are_rejected_with_a_reason(string input, string reasonPart)
    {
        Assert.False(DomainName.TryParse(input, out var name, out var error));
        Assert.Null(name);
        Assert.Contains(reasonPart, error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void A_label_over_63_octets_is_rejected()
    {
        Assert.False(DomainName.TryParse(new string('a', 64) + ".nl", out _, out var error));
        Assert.Contains("63", error);
    }

    [Fact]
    public void A_name_over_253_octets_is_rejected()
    {
        var label = new string('a', 60);
        var name = string.Join('.', Enumerable.Repeat(label, 5)) + ".nl";
        Assert.False(DomainName.TryParse(name, out _, out var error));
        Assert.Contains("253", error);
    }

    [Fact]
    public void A_ten_kilobyte_name_is_rejected_without_echoing_it_whole()
    {
        Assert.False(DomainName.TryParse(new string('a', 10_240), out _, out var error));
        Assert.True(error.Length < 200);
    }

    [Fact]
    public void A_name_of_exactly_253_octets_is_accepted()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 62), 4)) + ".n";
        Assert.Equal(253, name.Length);
        Assert.True(DomainName.TryParse(name, out _, out var error), error);
    }
}
