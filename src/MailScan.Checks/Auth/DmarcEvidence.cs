using MailScan.Checks.Policy;

namespace MailScan.Checks.Auth;

/// <summary>
/// What DMARC discovery saw: _dmarc.&lt;domain&gt;, the organisational domain by the Public Suffix
/// List and its _dmarc record when consulted, and the external report authorisations asked.
/// </summary>
public sealed record DmarcEvidence(
    TxtEvidence Domain,
    string OrganisationalDomain,
    TxtEvidence? Organisational,
    IReadOnlyList<TxtEvidence> Authorisations,
    string PublicSuffixList);
