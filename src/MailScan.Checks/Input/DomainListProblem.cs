namespace MailScan.Checks.Input;

/// <summary>A line of a list that is not scanned (or not again), with why.</summary>
public sealed record DomainListProblem(int Line, string Reason, bool Duplicate)
{
    public override string ToString() => $"line {Line}: {Reason}";
}
