namespace MailScan.Checks.Smtp;

/// <summary>The server sent a reply line or a reply larger than a client keeps in memory (<see cref="SmtpReplyLimitStream"/>).</summary>
public sealed class SmtpReplyTooLargeException(string message) : IOException(message);
