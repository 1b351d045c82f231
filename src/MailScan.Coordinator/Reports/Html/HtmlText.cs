using System.Net;

namespace MailScan.Coordinator.Reports.Html;

/// <summary>Text from reports (servers, DNS, our own words) made safe for HTML: invisible characters shown as escapes (<see cref="TerminalText"/>), then encoded.</summary>
public static class HtmlText
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(TerminalText.Clean(text));
}
