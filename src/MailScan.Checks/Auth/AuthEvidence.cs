using MailScan.Checks.Policy;

namespace MailScan.Checks.Auth;

/// <summary>The domain-level DNS evidence of the authenticity marks: SPF, DMARC, DKIM and TLS-RPT.</summary>
public sealed record AuthEvidence(string Domain, SpfEvidence Spf, DmarcEvidence Dmarc, DkimEvidence Dkim, TxtEvidence TlsRpt);
