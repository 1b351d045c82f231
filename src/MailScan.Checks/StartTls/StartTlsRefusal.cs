namespace MailScan.Checks.StartTls;

/// <summary>
/// Why a connection never reached TLS: the reason a report shows, and whether the server put us
/// off (a 4xx greeting, a connect that timed out) so that a later try may succeed.
/// </summary>
public sealed record StartTlsRefusal(string Reason, bool TryLater);
