using Google.Protobuf.WellKnownTypes;
using MailScan.Checks.Scanning;
using MailScan.Contracts.V1;

namespace MailScan.Coordinator.CompactResults;

/// <summary>
/// The compact form of a report, for results kept by the batch (the result file, the Redis result
/// log): the evidence of host probes (<see cref="ProbeCatalog.PerHostKinds"/>), which every domain
/// on a shared host would repeat, is taken out as <see cref="HostEvidence"/> kept once, and the
/// probe names it by <see cref="ProbeRecord.EvidenceRef"/>. Resolving puts it back, so a reader
/// sees the full report again.
/// </summary>
public static class CompactReports
{
    /// <summary>Takes the host evidence out of <paramref name="report"/> (changed in place) and returns it, one entry per probe that had some.</summary>
    public static IReadOnlyList<HostEvidence> Extract(DomainReport report)
    {
        List<HostEvidence>? taken = null;
        foreach (var probe in report.Probes)
        {
            if (probe.Evidence is null || !ProbeCatalog.PerHostKinds.Contains(probe.Kind))
                continue;
            var reference = HostEvidenceRef.Of(probe.Kind, probe.Target, probe.Evidence);
            (taken ??= []).Add(new HostEvidence { Ref = reference, Evidence = probe.Evidence });
            probe.Evidence = null;
            probe.EvidenceRef = reference;
        }
        return taken ?? (IReadOnlyList<HostEvidence>)[];
    }

    /// <summary>The references of a compact report, each once.</summary>
    public static IReadOnlyList<string> References(DomainReport report) =>
        report.Probes.Where(p => p.EvidenceRef.Length > 0).Select(p => p.EvidenceRef).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Puts the evidence that <paramref name="lookup"/> knows back into the probes that name it
    /// (changed in place; the evidence objects are shared, not copied, so readers must not change
    /// them). Returns the references it could not resolve: those probes keep their reference.
    /// </summary>
    public static IReadOnlyList<string> Resolve(DomainReport report, Func<string, Struct?> lookup)
    {
        List<string>? missing = null;
        foreach (var probe in report.Probes)
        {
            if (probe.EvidenceRef.Length == 0)
                continue;
            if (lookup(probe.EvidenceRef) is { } evidence)
            {
                probe.Evidence = evidence;
                probe.EvidenceRef = string.Empty;
            }
            else
            {
                (missing ??= []).Add(probe.EvidenceRef);
            }
        }
        return missing ?? (IReadOnlyList<string>)[];
    }
}
