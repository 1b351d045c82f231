using MailScan.Parsing;

namespace MailScan.Parsing.Tests;

/// <summary>A result holds a value or an error, never both and never neither.</summary>
public sealed class ParsedTests
{
    private sealed record Where(int Offset, string Reason);

    [Fact]
    public void A_value_is_valid_and_has_no_error()
    {
        var parsed = Parsed<string, Where>.Ok("v=spf1 -all");
        Assert.True(parsed.IsValid);
        Assert.Equal("v=spf1 -all", parsed.Value);
        Assert.Null(parsed.Error);
    }

    [Fact]
    public void An_error_is_not_valid_and_keeps_its_place()
    {
        var parsed = Parsed<string, Where>.Fail(new Where(7, "unknown mechanism"));
        Assert.False(parsed.IsValid);
        Assert.Null(parsed.Value);
        Assert.Equal(new Where(7, "unknown mechanism"), parsed.Error);
    }

    [Fact]
    public void It_deconstructs_into_value_and_error()
    {
        var (value, error) = Parsed<string, Where>.Fail(new Where(3, "truncated"));
        Assert.Null(value);
        Assert.Equal(3, error?.Offset);
    }
}
