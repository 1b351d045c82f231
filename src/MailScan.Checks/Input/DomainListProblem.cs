namespace MailScan.Checks.Input;

/// <summary>
/// A line of a list that is not scanned (or not again), with why: its name is invalid
/// (<see cref="InvalidName"/> says how), or it names a domain an earlier line named.
/// </summary>
public sealed record DomainListProblem(int Line, string Reason, DomainNameError? InvalidName)
{
    /// <summary>The line repeats an earlier one: a note, not an error.</summary>
    public bool Duplicate => InvalidName is null;

    public override string ToString() => $"line {Line}: {Reason}";
}
