namespace MailScan.Cli;

/// <summary>The exit codes of the command-line tool.</summary>
internal static class ExitCodes
{
    /// <summary>The scan ran (whatever the verdicts).</summary>
    public const int Scanned = 0;

    /// <summary>The scanner failed unexpectedly (a fault of ours).</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: an invalid name or option, or a domain that does not exist.</summary>
    public const int BadInput = 2;

    /// <summary>Could not scan: no resolver answered, or the network is unusable.</summary>
    public const int CouldNotScan = 3;
}
