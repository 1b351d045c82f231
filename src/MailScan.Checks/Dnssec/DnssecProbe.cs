using System.Diagnostics;
using DnsClient;
using MailScan.Checks.Scanning;
using MailScan.Dns.Dnssec;

namespace MailScan.Checks.Dnssec;

/// <summary>
/// Validates the SOA question of a name, as Internet.nl does: a positive answer at a zone apex,
/// NODATA (with its proof) anywhere else, each through the chain of trust of its zone.
/// </summary>
public sealed class DnssecProbe(IValidatingResolver validator) : IProbe
{
    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "dns.dnssec";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: false, "The DNSSEC status of a name (the mail domain or an MX host), validated in process.");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var name = request.Key.Target;
        var validated = await validator.QueryAsync(name, QueryType.SOA, cancellationToken).ConfigureAwait(false);
        var evidence = new DnssecEvidence(
            name, $"{name} SOA", validated.Answer.Status, validated.Status, validated.Reason,
            validated.Failure?.Error.ToString(), validated.Failure?.Zone, validated.Failure?.RRset);
        return ProbeResult.Completed(request.Key, evidence, Stopwatch.GetElapsedTime(started));
    }
}
