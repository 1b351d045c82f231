namespace MailScan.Checks.Policy.Spf;

/// <summary>The processing limits of RFC 7208 §4.6.4.</summary>
public static class SpfLimits
{
    /// <summary>Terms that query DNS (include, a, mx, ptr, exists, redirect) per check_host().</summary>
    public const int DnsLookups = 10;

    /// <summary>Lookups that return NXDOMAIN or no answer.</summary>
    public const int VoidLookups = 2;

    /// <summary>MX names looked up by one "mx" mechanism; more is a permerror.</summary>
    public const int MxNames = 10;

    /// <summary>PTR names checked by one "ptr" mechanism or "p" macro; the rest are ignored.</summary>
    public const int PtrNames = 10;
}
