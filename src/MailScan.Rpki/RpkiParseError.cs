namespace MailScan.Rpki;

/// <summary>Why RPKI input could not be read, and where: "line 12", "byte 4711 (roas[3])".</summary>
public sealed record RpkiParseError(string Position, string Reason)
{
    public override string ToString() => $"{Position}: {Reason}";
}
