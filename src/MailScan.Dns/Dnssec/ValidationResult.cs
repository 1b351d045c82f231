namespace MailScan.Dns.Dnssec;

/// <summary>The status of one part of an answer (an RRset, a denial) and, when not secure, why.</summary>
public sealed record ValidationResult(DnssecStatus Status, DnssecFailure? Failure)
{
    public static ValidationResult Secure { get; } = new(DnssecStatus.Secure, null);

    /// <summary>The worst of the parts: bogus, then indeterminate, then insecure, then secure; the first such part's reason.</summary>
    public static ValidationResult Worst(IEnumerable<ValidationResult> parts)
    {
        var worst = Secure;
        foreach (var part in parts)
        {
            if (Rank(part.Status) > Rank(worst.Status))
                worst = part;
        }
        return worst;
    }

    private static int Rank(DnssecStatus status) => status switch
    {
        DnssecStatus.Bogus => 3,
        DnssecStatus.Indeterminate => 2,
        DnssecStatus.Insecure => 1,
        _ => 0,
    };
}
