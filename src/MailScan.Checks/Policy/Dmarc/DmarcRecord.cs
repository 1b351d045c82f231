namespace MailScan.Checks.Policy.Dmarc;

/// <summary>A parsed DMARC record (RFC 7489 §6.3, with the DMARCbis tags np, psd and t), defaults applied.</summary>
public sealed record DmarcRecord(
    string Text,
    DmarcPolicy? Policy,
    DmarcPolicy? SubdomainPolicy,
    DmarcPolicy? NonExistentPolicy,
    int Percent,
    bool TestMode,
    char DkimAlignment,
    char SpfAlignment,
    IReadOnlyList<DmarcUri> AggregateReports,
    IReadOnlyList<DmarcUri> FailureReports,
    IReadOnlyList<PolicyTag> Tags,
    IReadOnlyList<string> UnknownTags)
{
    /// <summary>The policy for mail from a subdomain that has no record: sp=, else p= (RFC 7489 §6.3).</summary>
    public DmarcPolicy? EffectiveSubdomainPolicy => SubdomainPolicy ?? Policy;

    /// <summary>All report destinations, aggregate then failure.</summary>
    public IEnumerable<DmarcUri> Destinations => AggregateReports.Concat(FailureReports);
}
