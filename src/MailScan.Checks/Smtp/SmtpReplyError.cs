namespace MailScan.Checks.Smtp;

/// <summary>Why no reply could be read, and where in the server's text (a character offset, one per byte received).</summary>
public sealed record SmtpReplyError(int Position, SmtpReplyFault Fault)
{
    /// <summary>The fault in words.</summary>
    public string Reason => Fault switch
    {
        SmtpReplyFault.TooLong => "no reply ended within the size a client keeps",
        SmtpReplyFault.MixedCodes => "a continuation line carries another reply code",
        _ => "the reply has not ended",
    };

    public override string ToString() => $"at byte {Position}: {Reason}";
}
