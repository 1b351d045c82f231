namespace MailScan.Checks.Scanning;

/// <summary>
/// What a probe declares about itself: its kind (a name such as <c>smtp.tls</c>, whose first part
/// is the queue family that carries it in a cluster), whether its evidence is about a host
/// (reused by every domain that points at the host) rather than about one domain, and what it
/// measures. A kind that <see cref="WaitsOutStrictServers"/> may run up to <c>Smtp:StrictServerBudget</c>
/// beyond the probe's time (<see cref="ScanTimeLimits"/>).
/// </summary>
public sealed record ProbeKind(string Name, bool PerHost, string Description, bool WaitsOutStrictServers = false)
{
    /// <summary>The queue family: the part of the name before the first dot (dns, ns, smtp, https, rpki).</summary>
    public string Family => FamilyOf(Name);

    /// <summary>The queue family of a kind's name.</summary>
    public static string FamilyOf(string name)
    {
        var dot = name.IndexOf('.');
        return dot < 0 ? name : name[..dot];
    }
}
