namespace MailScan.Checks.Policy.Spf;

/// <summary>The qualifier of an SPF directive (RFC 7208 §4.6.2): the result when the mechanism matches.</summary>
public enum SpfQualifier
{
    /// <summary>"+", the default.</summary>
    Pass,
    /// <summary>"-".</summary>
    Fail,
    /// <summary>"~".</summary>
    SoftFail,
    /// <summary>"?".</summary>
    Neutral,
}
