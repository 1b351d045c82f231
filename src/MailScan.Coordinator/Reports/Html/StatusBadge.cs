using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Reports.Html;

/// <summary>
/// A status as the pages show it: a symbol, the report word and a colour, so the status never
/// rests on colour alone. The symbol is decoration (hidden from screen readers); the word says it.
/// </summary>
public static class StatusBadge
{
    public static string Html(V1.Status status) =>
        $"<span class=\"badge {CssClass(status)}\"><span aria-hidden=\"true\">{Symbol(status)}</span> {StatusWords.Word(status)}</span>";

    /// <summary>The class of the status's colours in the page's style sheet.</summary>
    public static string CssClass(V1.Status status) => "s-" + ContractStatus.Name(status).ToLowerInvariant().Replace('_', '-');

    public static string Symbol(V1.Status status) => status switch
    {
        V1.Status.Passed => "\u2714",
        V1.Status.Failed => "\u2716",
        V1.Status.Warning => "!",
        V1.Status.Info => "i",
        V1.Status.NotTested => "\u2013",
        V1.Status.NotTestable => "?",
        _ => "\u26a0",
    };
}
