using System.Net;

namespace MailScan.Checks.Policy.Spf;

/// <summary>The values the macro letters stand for during one evaluation (RFC 7208 §7.2).</summary>
public sealed record SpfMacroValues(
    string Sender,
    string Domain,
    IPAddress Client,
    string Helo,
    string Receiver,
    long Timestamp,
    string ValidatedName = "unknown")
{
    /// <summary>The local-part of the sender (l).</summary>
    public string LocalPart => Sender[..Math.Max(0, Sender.LastIndexOf('@'))];

    /// <summary>The domain of the sender (o).</summary>
    public string SenderDomain => Sender[(Sender.LastIndexOf('@') + 1)..];
}
