using MailScan.Checks.Scanning;

namespace MailScan.Worker.Bus;

/// <summary>The queue of each probe family, so SMTP and DNS workers scale apart.</summary>
public static class ProbeQueues
{
    /// <summary>The families a worker can serve: those of the probes the catalogue declares.</summary>
    public static IReadOnlyList<string> Families => ProbeCatalog.Families;

    /// <summary>The queue name of a family (e.g. probe-smtp).</summary>
    public static string ForFamily(string family) => $"probe-{family}";

    /// <summary>The queue a probe kind is sent to.</summary>
    public static string ForKind(string kind) => ForFamily(ProbeKind.FamilyOf(kind));
}
