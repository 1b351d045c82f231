using System.Net;

namespace MailScan.Checks.Policy.Spf;

/// <summary>The arguments of check_host() (RFC 7208 §4.1): client address, domain, sender, and the HELO name for macros.</summary>
public sealed record SpfRequest(IPAddress Client, string Domain, string Sender, string Helo)
{
    /// <summary>
    /// The request for the MAIL FROM identity; an empty reverse-path uses postmaster@HELO
    /// (RFC 7208 §2.4) and an empty local-part becomes "postmaster" (§4.3).
    /// </summary>
    public static SpfRequest ForMailFrom(IPAddress client, string mailFrom, string helo)
    {
        if (string.IsNullOrEmpty(mailFrom))
            return new SpfRequest(client, helo, "postmaster@" + helo, helo);
        var at = mailFrom.LastIndexOf('@');
        if (at < 0)
            return new SpfRequest(client, mailFrom, "postmaster@" + mailFrom, helo);
        var local = mailFrom[..at];
        var domain = mailFrom[(at + 1)..];
        return new SpfRequest(client, domain, (local.Length == 0 ? "postmaster" : local) + "@" + domain, helo);
    }
}
