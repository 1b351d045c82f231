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
        var (name, error) = DomainName.FromInput(input);
        Assert.Null(error);
        Assert.Equal(expected, name!.Ascii);
        Assert.Equal(input, name.Input);
    }

    [Theory]
    [InlineData("", DomainNameFault.Empty, "empty")]
    [InlineData("   ", DomainNameFault.Empty, "empty")]
    [InlineData("bad..name", DomainNameFault.EmptyLabel, "empty label")]
    [InlineData(".example.nl", DomainNameFault.StartsWithDot, "starts with a dot")]
    [InlineData("1.2.3.4", DomainNameFault.IpAddress, "IP address")]
    [InlineData("[2001:db8::1]", DomainNameFault.IpAddress, "IP address")]
    [InlineData("2001:db8::1", DomainNameFault.IpAddress, "IP address")]
    [InlineData("exa mple.nl", DomainNameFault.BadCharacter, "contains ' '")]
    [InlineData("exa_mple.nl", DomainNameFault.BadCharacter, "contains '_'")]
    [InlineData("-example.nl", DomainNameFault.Hyphen, "hyphen")]
    [InlineData("example-.nl", DomainNameFault.Hyphen, "hyphen")]
    [InlineData("localhost", DomainNameFault.SingleLabel, "single label")]
    [InlineData("example.123", DomainNameFault.NumericTopLabel, "numeric")]
    [InlineData("b\u00fccher.exa_mple", DomainNameFault.BadCharacter, "contains '_'")]
    [InlineData("xn--zz.nl", DomainNameFault.NotIdna, "IDNA")]
    public void Invalid_names_are_rejected_with_a_fault_and_a_reason(string input, DomainNameFault fault, string reasonPart)
    {
        var (name, error) = DomainName.FromInput(input);
        Assert.Null(name);
        Assert.Equal(fault, error!.Fault);
        Assert.Contains(reasonPart, error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', error.Reason);
    }

    [Fact]
    public void A_label_over_63_octets_is_rejected()
    {
        var error = DomainName.FromInput(new string('a', 64) + ".nl").Error!;
        Assert.Equal(DomainNameFault.LabelTooLong, error.Fault);
        Assert.Contains("63", error.Reason);
    }

    [Fact]
    public void A_name_over_253_octets_is_rejected()
    {
        var label = new string('a', 60);
        var name = string.Join('.', Enumerable.Repeat(label, 5)) + ".nl";
        var error = DomainName.FromInput(name).Error!;
        Assert.Equal(DomainNameFault.TooLong, error.Fault);
        Assert.Contains("253", error.Reason);
    }

    [Fact]
    public void A_ten_kilobyte_name_is_rejected_without_echoing_it_whole()
    {
        var error = DomainName.FromInput(new string('a', 10_240)).Error!;
        Assert.Equal(DomainNameFault.TooLong, error.Fault);
        Assert.True(error.Reason.Length < 200);
    }

    [Fact]
    public void A_name_of_exactly_253_octets_is_accepted()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 62), 4)) + ".n";
        Assert.Equal(253, name.Length);
        Assert.True(DomainName.FromInput(name).IsValid);
    }

    [Fact]
    public void The_error_reads_as_its_reason() =>
        Assert.Equal("the domain name is empty", DomainName.FromInput(null).Error!.ToString());
}
