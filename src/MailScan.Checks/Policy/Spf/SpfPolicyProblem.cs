namespace MailScan.Checks.Policy.Spf;

/// <summary>
/// The first problem found on the walk, in words, with the domain whose record has it.
/// <paramref name="UnusableTarget"/>: an include or redirect target that exists but has no single
/// parsable SPF record (none, several, or a syntax error), which scores like a syntax error.
/// </summary>
public sealed record SpfPolicyProblem(SpfPolicyProblemKind Kind, string Domain, string Message, bool UnusableTarget = false);
