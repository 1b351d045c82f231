namespace MailScan.Checks.Policy.Spf;

/// <summary>The first problem found on the walk, in words, with the domain whose record has it.</summary>
public sealed record SpfPolicyProblem(SpfPolicyProblemKind Kind, string Domain, string Message);
