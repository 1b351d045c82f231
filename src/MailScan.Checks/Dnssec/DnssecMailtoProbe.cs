using System.Diagnostics;
using DnsClient;
using MailScan.Checks.Scanning;
using MailScan.Dns.Dnssec;

namespace MailScan.Checks.Dnssec;

/// <summary>
/// Validates the first question a sending server asks about the mail domain: its MX RRset. The
/// SOA that Internet.nl validates can be secure while the MX RRset is bogus, and then no
/// validating sender finds the mail servers.
/// </summary>
public sealed class DnssecMailtoProbe(IValidatingResolver validator) : IProbe
{
    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "dns.dnssec-mailto";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: false, "The DNSSEC status of the mail domain's MX RRset, as a sending server resolves it.");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var domain = request.Key.Target;
        var mx = await validator.QueryAsync(domain, QueryType.MX, cancellationToken).ConfigureAwait(false);
        var evidence = new DnssecSenderEvidence(domain, [DnssecAnswer.Of(domain, QueryType.MX, mx)]);
        return ProbeResult.Completed(request.Key, evidence, Stopwatch.GetElapsedTime(started));
    }
}
