namespace MailScan.Checks.Verdicts;

/// <summary>The verdict words of the mail test (mailtest.md), as the report spells them.</summary>
public enum TestStatus
{
    /// <summary>The rule is met.</summary>
    Passed,
    /// <summary>The rule is not met.</summary>
    Failed,
    /// <summary>Not met, but only a recommendation.</summary>
    Warning,
    /// <summary>Information only.</summary>
    Info,
    /// <summary>The rule does not apply (for example: no mail server).</summary>
    NotTested,
    /// <summary>The target could not be measured (timeout, refused, 421, address not allowed).</summary>
    NotTestable,
    /// <summary>The scanner itself failed.</summary>
    Error,
}
