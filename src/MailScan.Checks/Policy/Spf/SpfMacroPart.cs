namespace MailScan.Checks.Policy.Spf;

/// <summary>
/// One piece of a macro-string (RFC 7208 §7.1): literal text when <see cref="Letter"/> is '\0',
/// else a macro with its letter, transformers and delimiters. The escapes %%, %_ and %- are
/// literal text marked <see cref="IsEscape"/>, as the grammar counts them as macro-expands.
/// </summary>
public sealed record SpfMacroPart(
    string Literal,
    char Letter = '\0',
    bool UrlEscape = false,
    int KeepRight = 0,
    bool Reverse = false,
    string Delimiters = "",
    bool IsEscape = false)
{
    /// <summary>Whether this part is a %{...} macro rather than literal text.</summary>
    public bool IsMacro => Letter != '\0';

    public static SpfMacroPart Text(string literal) => new(literal);

    public static SpfMacroPart Escape(string literal) => new(literal, IsEscape: true);
}
