using MailScan.Checks.Discovery;

namespace MailScan.Checks.Scanning;

/// <summary>The mail and name servers are known; the probes start now. Always the first event.</summary>
public sealed record ServersDiscovered(MailServerEvidence Servers) : ScanEvent;
