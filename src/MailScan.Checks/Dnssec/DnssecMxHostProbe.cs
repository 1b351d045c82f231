using System.Diagnostics;
using DnsClient;
using MailScan.Checks.Scanning;
using MailScan.Dns.Dnssec;

namespace MailScan.Checks.Dnssec;

/// <summary>
/// Validates what a sending server resolves about an MX name: its A and AAAA answers and the
/// _25._tcp TLSA answer or its denial (DANE, RFC 7672 §2.2). Each question once; the validator's
/// cache serves what discovery and the DANE probe asked already.
/// </summary>
public sealed class DnssecMxHostProbe(IValidatingResolver validator) : IProbe
{
    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "dns.dnssec-mxhost";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: false, "The DNSSEC status of an MX name's addresses and of its _25._tcp TLSA answer or denial, as a sending server resolves them.");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var host = request.Key.Target.TrimEnd('.');
        var tlsaName = $"_25._tcp.{host}";
        (string Name, QueryType Type)[] questions = [(host, QueryType.A), (host, QueryType.AAAA), (tlsaName, QueryType.TLSA)];
        var answers = await Task.WhenAll(questions.Select(async q =>
            DnssecAnswer.Of(q.Name, q.Type, await validator.QueryAsync(q.Name, q.Type, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        return ProbeResult.Completed(request.Key, new DnssecSenderEvidence(host, answers), Stopwatch.GetElapsedTime(started));
    }
}
