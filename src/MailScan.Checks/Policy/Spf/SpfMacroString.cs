namespace MailScan.Checks.Policy.Spf;

/// <summary>A parsed macro-string or domain-spec: its text and its literal and macro parts.</summary>
public sealed record SpfMacroString(string Text, IReadOnlyList<SpfMacroPart> Parts)
{
    /// <summary>Whether it contains a %{...} macro, so its value is known only at evaluation.</summary>
    public bool HasMacros => Parts.Any(p => p.IsMacro);

    /// <summary>Whether it uses the given macro letter (lower case).</summary>
    public bool Uses(char letter) => Parts.Any(p => p.Letter == letter);

    public override string ToString() => Text;
}
