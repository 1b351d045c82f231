using MailScan.Coordinator.Reports;

namespace MailScan.Coordinator.Tests.Reports;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("mx.example\u001b[2J", "mx.example\\x1B[2J")]
    [InlineData("220 ok\r\nQUIT", "220 ok\\x0D\\x0AQUIT")]
    [InlineData("a\u0007b\u007fc\u009bd", "a\\x07b\\x7Fc\\x9Bd")]
    [InlineData("abc\u202edef", "abc\\u202Edef")]
    [InlineData("zero\u200bwidth", "zero\\u200Bwidth")]
    public void Control_and_format_characters_are_shown_as_escapes(string raw, string shown) =>
        Assert.Equal(shown, TerminalText.Clean(raw));

    [Theory]
    [InlineData("v=spf1 mx -all")]
    [InlineData("bücher.example ✓ 日本")]
    [InlineData("")]
    public void Printable_text_is_left_as_it_is(string text) =>
        Assert.Equal(text, TerminalText.Clean(text));
}
