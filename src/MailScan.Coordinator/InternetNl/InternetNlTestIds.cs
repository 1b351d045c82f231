namespace MailScan.Coordinator.InternetNl;

/// <summary>Which of our sub-tests are Internet.nl's (its batch API names them); ours (mailscan_ and our details of its rules) stay out of its results.</summary>
public static class InternetNlTestIds
{
    private static readonly HashSet<string> Ours = new(StringComparer.Ordinal)
    {
        "mail_auth_dmarc_ext_destination",
    };

    public static bool IsInternetNl(string id) =>
        !id.StartsWith("mailscan_", StringComparison.Ordinal) && !Ours.Contains(id);
}
