namespace MailScan.Checks.Verdicts;

/// <summary>
/// The points one server earned on one sub-test. Server is a mail server or name (empty: the
/// domain as a whole); Points is null when that server could not be tested.
/// </summary>
public sealed record ServerPoints(string Server, double? Points);
