namespace MailScan.Checks.Policy.Dmarc;

/// <summary>The parsed value of rua= or ruf=.</summary>
public sealed record DmarcUriList(IReadOnlyList<DmarcUri> Items);
