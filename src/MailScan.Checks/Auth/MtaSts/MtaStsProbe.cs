using System.Diagnostics;
using System.Net;
using DnsClient;
using DnsClient.Protocol;
using MailScan.Checks.Policy;
using MailScan.Checks.Policy.MtaSts;
using MailScan.Checks.Scanning;
using MailScan.Checks.Targets;
using MailScan.Dns;

namespace MailScan.Checks.Auth.MtaSts;

/// <summary>
/// The MTA-STS record of a domain and, when there is exactly one that parses, its policy fetched
/// from mta-sts.&lt;domain&gt; (the first address the target policy allows). Decides nothing.
/// </summary>
public sealed class MtaStsProbe(IDnsResolver dns, TargetPolicy policy, MtaStsPolicyFetcher fetcher) : IProbe
{
    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "https.mta-sts";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: false, "The MTA-STS record and the policy fetched over HTTPS from mta-sts.<domain>.");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var domain = request.Key.Target;
        var evidence = await MeasureAsync(domain, cancellationToken).ConfigureAwait(false);
        return ProbeResult.Completed(request.Key, evidence with { Milliseconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1) }, Stopwatch.GetElapsedTime(started));
    }

    private async Task<MtaStsEvidence> MeasureAsync(string domain, CancellationToken cancellationToken)
    {
        var txt = await dns.QueryAsync($"_mta-sts.{domain}", QueryType.TXT, cancellationToken).ConfigureAwait(false);
        var records = txt.Records<TxtRecord>().Select(r => string.Concat(r.Text)).Where(t => t.StartsWith("v=STS", StringComparison.OrdinalIgnoreCase)).Take(10).ToList();
        var record = new TxtEvidence($"_mta-sts.{domain}", txt.Status, records);
        var sts = records.Where(MtaStsRecordParser.IsMtaStsRecord).ToList();
        if (sts.Count != 1 || !MtaStsRecordParser.Parse(sts[0]).IsValid)
            return new MtaStsEvidence(domain, record, null, [], MtaStsFetchState.NotFetched);

        var host = $"mta-sts.{domain}";
        var url = $"https://{host}/.well-known/mta-sts.txt";
        var a = dns.QueryAsync(host, QueryType.A, cancellationToken);
        var aaaa = dns.QueryAsync(host, QueryType.AAAA, cancellationToken);
        var addresses = (await a.ConfigureAwait(false)).Records<ARecord>().Select(r => r.Address)
            .Concat((await aaaa.ConfigureAwait(false)).Records<AaaaRecord>().Select(r => r.Address)).Distinct().ToList();
        var listed = addresses.Select(ip => ip.ToString()).ToList();
        if (addresses.Count == 0)
            return new MtaStsEvidence(domain, record, url, listed, MtaStsFetchState.NoAddress, Error: $"{host} has no address");
        var allowed = addresses.FirstOrDefault(ip => policy.Check(ip).IsAllowed);
        if (allowed is null)
            return new MtaStsEvidence(domain, record, url, listed, MtaStsFetchState.NotAllowed, Error: policy.Check(addresses[0]).Reason);

        var outcome = await fetcher.FetchAsync(host, allowed, cancellationToken).ConfigureAwait(false);
        return new MtaStsEvidence(domain, record, url, listed, outcome.State, outcome.HttpStatus, outcome.ContentType, outcome.Body, outcome.Error);
    }
}
