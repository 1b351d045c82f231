namespace MailScan.Checks.Policy;

/// <summary>Why a policy record does not parse: the 0-based character position and the reason in words.</summary>
public sealed record PolicyParseError(int Position, string Reason)
{
    public override string ToString() => $"at character {Position + 1}: {Reason}";
}
