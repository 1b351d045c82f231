namespace MailScan.Rpki.Rtr;

/// <summary>The intervals a version 1 End of Data PDU carries (RFC 8210 §6); version 0 uses the defaults.</summary>
public sealed record RtrTimers(TimeSpan Refresh, TimeSpan Retry, TimeSpan Expire)
{
    /// <summary>The defaults of RFC 8210 §6: refresh 1 hour, retry 10 minutes, expire 2 hours.</summary>
    public static RtrTimers Default { get; } = new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(2));
}
