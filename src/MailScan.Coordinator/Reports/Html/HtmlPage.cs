namespace MailScan.Coordinator.Reports.Html;

/// <summary>
/// The frame of every page: language, title, the one style sheet (inline, so a saved page or a
/// survey file needs nothing else), and optionally a script of the same origin.
/// </summary>
public static class HtmlPage
{
    /// <summary>The style sheet every page carries, an embedded resource beside this file.</summary>
    public static string Style { get; } = Resource("report.css");

    public static string Of(string title, string body, string? scriptUrl = null) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{HtmlText.Encode(title)}</title>
        <style>{Style}</style>
        </head>
        <body>
        <main>
        {body}
        </main>
        {(scriptUrl is null ? string.Empty : $"<script src=\"{HtmlText.Encode(scriptUrl)}\" defer></script>")}
        </body>
        </html>
        """;

    /// <summary>An embedded resource of this assembly as text (the style sheet, the live page's script).</summary>
    public static string Resource(string name)
    {
        var assembly = typeof(HtmlPage).Assembly;
        var full = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(full)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
