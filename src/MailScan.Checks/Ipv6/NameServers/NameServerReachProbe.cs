using System.Diagnostics;
using System.Net;
using DnsClient;
using MailScan.Checks.Scanning;
using MailScan.Checks.Targets;
using MailScan.Dns;

namespace MailScan.Checks.Ipv6.NameServers;

/// <summary>
/// Asks one name server address directly for the NS of the zone, once over UDP and once over
/// TCP. Any response, whatever its RCODE, shows the address is reachable.
/// </summary>
public sealed class NameServerReachProbe(IDnsResolver dns, TargetPolicy policy) : IProbe
{
    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "ns.reach";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: true, "A name server address answering DNS over UDP and TCP.");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (!policy.TryAdmit(request, out var address, out var refusal))
            return refusal;

        var question = string.IsNullOrEmpty(request.Hint) ? "." : request.Hint;
        var server = new IPEndPoint(address, 53);
        var udp = await dns.QueryServerAsync(server, question, QueryType.NS, DnsTransport.Udp, cancellationToken).ConfigureAwait(false);
        var tcp = await dns.QueryServerAsync(server, question, QueryType.NS, DnsTransport.Tcp, cancellationToken).ConfigureAwait(false);
        var evidence = new NameServerReachEvidence(
            address.ToString(), $"{question} NS", udp.Status, tcp.Status,
            Math.Round(udp.Elapsed.TotalMilliseconds, 1), Math.Round(tcp.Elapsed.TotalMilliseconds, 1));
        return ProbeResult.Completed(request.Key, evidence, Stopwatch.GetElapsedTime(started));
    }
}
