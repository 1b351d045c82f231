namespace MailScan.Checks.Verdicts;

/// <summary>
/// A mail server address that put the scanner off or greeted it slowly, and how its evaluation went:
/// why it counted as strict, the connections and time it took against the strict-server budget
/// (zero: a single retry), and the sub-tests left NOT_TESTABLE when it stopped early.
/// </summary>
public sealed record StrictServer(
    string Mx,
    string Address,
    string Why,
    int Connections,
    TimeSpan Took,
    TimeSpan Budget,
    IReadOnlyList<string> NotTestable,
    string? StoppedBecause);
