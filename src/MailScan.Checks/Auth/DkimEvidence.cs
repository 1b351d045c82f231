using MailScan.Checks.Policy;

namespace MailScan.Checks.Auth;

/// <summary>The _domainkey node of the domain (its status) and the key records found at the selectors asked.</summary>
public sealed record DkimEvidence(TxtEvidence Node, IReadOnlyList<string> SelectorsAsked, IReadOnlyList<TxtEvidence> Keys);
