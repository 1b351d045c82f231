namespace MailScan.Checks.Verdicts;

/// <summary>
/// How much a sub-test weighs (Internet.nl's "worst status", internetnl-notes.md §2.2, §2.6):
/// the worst status it may show, whether its category must pass it, and whether it scores.
/// </summary>
public enum SubtestLevel
{
    /// <summary>Internet.nl FAIL level: may fail the category and scores points; NOT_TESTED counts as FAILED.</summary>
    Mandatory,
    /// <summary>Internet.nl NOTICE level: shows at worst WARNING ("recommendation"), never scores.</summary>
    Notice,
    /// <summary>Internet.nl INFO level: shows at worst INFO, never scores.</summary>
    Info,
    /// <summary>Our own addition (mailscan_ ids): reported only, never part of the category.</summary>
    ReportOnly,
}
