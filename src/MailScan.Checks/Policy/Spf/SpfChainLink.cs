namespace MailScan.Checks.Policy.Spf;

/// <summary>One record on the way from the domain's SPF record through includes and redirects.</summary>
public sealed record SpfChainLink(string Domain, string Role, string Record);
