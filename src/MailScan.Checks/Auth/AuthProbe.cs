using System.Diagnostics;
using DnsClient;
using DnsClient.Protocol;
using MailScan.Checks.Options;
using MailScan.Checks.Policy;
using MailScan.Checks.Policy.Dmarc;
using MailScan.Checks.Policy.Psl;
using MailScan.Checks.Policy.Spf;
using MailScan.Checks.Scanning;
using MailScan.Dns;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Auth;

/// <summary>
/// The domain-level lookups of the authenticity marks, through the product's resolver: the SPF
/// records of the domain and of everything its policy reaches, DMARC discovery with the
/// organisational domain and the external report authorisations, the DKIM node and selectors,
/// and the TLS-RPT record. Decides nothing: the verdicts read the evidence.
/// </summary>
public sealed class AuthProbe(IDnsResolver dns, PublicSuffixList psl, IOptions<MailScanOptions> options) : IProbe
{
    private const int MaxRecordsKept = 20;
    private readonly AuthOptions _options = options.Value.Auth;

    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "dns.auth";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: false, "The domain-level lookups of the authenticity marks: SPF walk, DMARC, DKIM node, TLS-RPT.");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var domain = request.Key.Target;
        var spf = SpfAsync(domain, cancellationToken);
        var dmarc = DmarcAsync(domain, cancellationToken);
        var dkim = DkimAsync(domain, cancellationToken);
        var tlsRpt = TxtAsync($"_smtp._tls.{domain}", null, cancellationToken);
        var evidence = new AuthEvidence(domain, await spf.ConfigureAwait(false), await dmarc.ConfigureAwait(false),
            await dkim.ConfigureAwait(false), await tlsRpt.ConfigureAwait(false));
        return ProbeResult.Completed(request.Key, evidence, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Walks the policy, fetching what the walk still needs, round after round, within the lookup budget.</summary>
    private async Task<SpfEvidence> SpfAsync(string domain, CancellationToken cancellationToken)
    {
        var top = await TxtAsync(domain, IsSpfLike, cancellationToken).ConfigureAwait(false);
        var targets = new List<TxtEvidence>();
        var lookups = new List<SpfTargetEvidence>();
        var evidence = new SpfEvidence(top, targets, lookups);
        if (top.Records.Count(SpfParser.IsSpfRecord) != 1)
            return evidence;
        var budget = _options.SpfMaxLookups;
        while (budget > 0)
        {
            var report = SpfPolicyAnalysis.Analyse(domain, evidence.TxtByName(), evidence.LookupsByKey());
            if (report.IsComplete || report.Problem is not null)
                break;
            var txt = report.MissingTxt.Take(budget).ToList();
            budget -= txt.Count;
            var other = report.MissingTargets.Take(budget).ToList();
            budget -= other.Count;
            var txtTasks = txt.Select(n => TxtAsync(n, IsSpfLike, cancellationToken)).ToList();
            var otherTasks = other.Select(t => TargetAsync(t.Type, t.Name, cancellationToken)).ToList();
            targets.AddRange(await Task.WhenAll(txtTasks).ConfigureAwait(false));
            lookups.AddRange(await Task.WhenAll(otherTasks).ConfigureAwait(false));
        }
        return evidence;
    }

    private async Task<SpfTargetEvidence> TargetAsync(string type, string name, CancellationToken cancellationToken)
    {
        if (!SpfAddressMatch.IsQueryableName(name))
            return new SpfTargetEvidence(type, name, DnsStatus.NxDomain, 0);
        var answer = await dns.QueryAsync(name, type == "MX" ? QueryType.MX : QueryType.A, cancellationToken).ConfigureAwait(false);
        var count = type == "MX" ? answer.Records<MxRecord>().Count() : answer.Records<ARecord>().Count();
        return new SpfTargetEvidence(type, name, answer.Status, count);
    }

    private async Task<DmarcEvidence> DmarcAsync(string domain, CancellationToken cancellationToken)
    {
        var own = await TxtAsync($"_dmarc.{domain}", null, cancellationToken).ConfigureAwait(false);
        var organisational = psl.OrganisationalDomain(domain);
        TxtEvidence? orgLookup = null;
        if (own.IsConclusive && !own.Records.Any(DmarcParser.IsDmarcRecord) && organisational != domain)
            orgLookup = await TxtAsync($"_dmarc.{organisational}", null, cancellationToken).ConfigureAwait(false);

        var (found, recordDomain) = Single(own) is { } ownRecord ? (ownRecord, domain)
            : orgLookup is not null && Single(orgLookup) is { } orgRecord ? (orgRecord, organisational) : (null, domain);
        var authorisations = new List<TxtEvidence>();
        if (found is not null && DmarcParser.Parse(found) is { IsValid: true } parsed)
        {
            var recordOrg = psl.OrganisationalDomain(recordDomain);
            var hosts = parsed.Value.Destinations.Select(d => d.Host).Where(h => h.Length > 0 && psl.OrganisationalDomain(h) != recordOrg)
                .Distinct(StringComparer.Ordinal).Take(10);
            var tasks = hosts.Select(h => TxtAsync($"{recordDomain}._report._dmarc.{h}", null, cancellationToken)).ToList();
            authorisations.AddRange(await Task.WhenAll(tasks).ConfigureAwait(false));
        }
        return new DmarcEvidence(own, organisational, orgLookup, authorisations, psl.Source);
    }

    private static string? Single(TxtEvidence lookup)
    {
        var records = lookup.Records.Where(DmarcParser.IsDmarcRecord).ToList();
        return records.Count == 1 ? records[0] : null;
    }

    private async Task<DkimEvidence> DkimAsync(string domain, CancellationToken cancellationToken)
    {
        var node = TxtAsync($"_domainkey.{domain}", null, cancellationToken);
        var selectors = _options.Selectors();
        var keys = await Task.WhenAll(selectors.Select(s => TxtAsync($"{s}._domainkey.{domain}", null, cancellationToken))).ConfigureAwait(false);
        var found = keys.Where(k => k.Status == DnsStatus.NoError && k.Records.Count > 0).ToList();
        return new DkimEvidence(await node.ConfigureAwait(false), selectors, found);
    }

    private async Task<TxtEvidence> TxtAsync(string name, Func<string, bool>? keep, CancellationToken cancellationToken)
    {
        var answer = await dns.QueryAsync(name, QueryType.TXT, cancellationToken).ConfigureAwait(false);
        var records = answer.Records<TxtRecord>().Select(r => string.Concat(r.Text)).Where(t => keep is null || keep(t)).Take(MaxRecordsKept).ToList();
        return new TxtEvidence(name, answer.Status, records);
    }

    /// <summary>SPF records and near misses ("v=spf10", "V=SPF1x") are kept; other TXT records of the apex are not SPF's business.</summary>
    private static bool IsSpfLike(string text) => text.StartsWith("v=spf", StringComparison.OrdinalIgnoreCase);
}
