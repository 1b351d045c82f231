namespace MailScan.Checks.Smtp;

/// <summary>Why the text a server sent holds no SMTP reply.</summary>
public enum SmtpReplyFault
{
    /// <summary>No reply has ended yet: the text stops inside one (or holds only lines that are not replies); more may complete it.</summary>
    Unfinished,

    /// <summary>No reply ended within the size a client keeps: one line, or a reply of many, goes on past it.</summary>
    TooLong,

    /// <summary>A line of a multi-line reply carries another code than the lines before it (RFC 5321 §4.2 wants one code; MailKit rejects such a reply too).</summary>
    MixedCodes,
}
