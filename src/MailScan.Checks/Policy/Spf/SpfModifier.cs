namespace MailScan.Checks.Policy.Spf;

/// <summary>A modifier of an SPF record (name=value): redirect, exp or an unknown one (kept, never acted on).</summary>
public sealed record SpfModifier(string Name, SpfMacroString Value, int Position, string Text);
