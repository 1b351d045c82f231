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

    /// <summary>The coordinator refused the caller: no API key, or one it does not know (gRPC Unauthenticated).</summary>
    public const int NotAuthorized = 4;

    /// <summary>Over a limit of the coordinator: an API key's quota or request rate, or the batch size (gRPC ResourceExhausted); the message says which.</summary>
    public const int OverLimit = 5;
}
