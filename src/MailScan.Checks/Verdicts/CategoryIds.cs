namespace MailScan.Checks.Verdicts;

/// <summary>The fixed category ids and report headings of the mail test.</summary>
public static class CategoryIds
{
    public const string Ipv6 = "mail_ipv6";
    public const string Dnssec = "mail_dnssec";
    public const string Auth = "mail_auth";
    public const string StartTls = "mail_starttls";
    public const string Rpki = "mail_rpki";

    /// <summary>All categories, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Ipv6, Dnssec, Auth, StartTls, Rpki];

    /// <summary>The heading of a category as the report shows it.</summary>
    public static string Heading(string categoryId) => categoryId switch
    {
        Ipv6 => "Modern address (IPv6)",
        Dnssec => "Signed domain names (DNSSEC)",
        Auth => "Authenticity marks against phishing (DMARC, DKIM and SPF)",
        StartTls => "Secure mail server connection (STARTTLS and DANE)",
        Rpki => "Route authorisation (RPKI)",
        _ => categoryId,
    };
}
