using DnsClient;
using DnsClient.Protocol;
using MailScan.Checks.Scanning;
using MailScan.Dns;

namespace MailScan.Checks.StartTls.Caa;

/// <summary>Finds the CAA set of an MX name: the name itself, then each parent, until a set is found (RFC 8659 §3).</summary>
public sealed class CaaProbe(IDnsResolver dns) : IProbe
{
    private const int MaxLabelsClimbed = 10;

    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "dns.caa";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: false, "The CAA record set that applies to an MX name (RFC 8659 climbing).");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var name = request.Key.Target.TrimEnd('.');
        var status = DnsStatus.NoError;
        for (var climbed = 0; climbed < MaxLabelsClimbed && name.Contains('.', StringComparison.Ordinal); climbed++)
        {
            var answer = await dns.QueryAsync(name, QueryType.CAA, cancellationToken).ConfigureAwait(false);
            if (!answer.IsConclusive)
            {
                status = answer.Status;
                break;
            }
            var records = answer.Records<CaaRecord>().Take(100).Select(r => new CaaRecordData(r.Flags, r.Tag, r.Value)).ToList();
            if (records.Count > 0)
                return Done(request, started, new CaaEvidence(request.Key.Target, name, answer.Status, records));
            name = name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..];
        }
        return Done(request, started, new CaaEvidence(request.Key.Target, null, status, []));
    }

    private static ProbeResult Done(ProbeRequest request, long started, CaaEvidence evidence) =>
        ProbeResult.Completed(request.Key, evidence, System.Diagnostics.Stopwatch.GetElapsedTime(started));
}
