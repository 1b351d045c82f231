using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MailScan.Telemetry;

/// <summary>
/// The product's one Meter (`MailScan`) and its instruments, recorded where the work happens: a
/// worker counts the probes it runs, a coordinator the domains it scans and the evidence it reuses.
/// Labels are bounded sets (probe kind, outcome, rcode, resolver index, status); never a domain
/// or an address, so a week-long TLD scan keeps the same few series.
/// </summary>
public static class MailScanMetrics
{
    public const string MeterName = "MailScan";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> ProbesStarted = Meter.CreateCounter<long>(
        "mailscan.probes.started", description: "Probes started in this process, by kind");

    private static readonly Counter<long> ProbesFinished = Meter.CreateCounter<long>(
        "mailscan.probes.finished", description: "Probes finished in this process, by kind and outcome (completed, not_allowed, timed_out, failed)");

    private static readonly Histogram<double> ProbeDuration = Meter.CreateHistogram(
        "mailscan.probe.duration", unit: "s", description: "How long a probe took, by kind",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    private static readonly Counter<long> DnsQueries = Meter.CreateCounter<long>(
        "mailscan.dns.queries", description: "DNS queries, by resolver (configured index, or 'direct' for a named server) and rcode (or TIMEOUT, NETWORK_ERROR, MALFORMED)");

    private static readonly Counter<long> DnssecStatuses = Meter.CreateCounter<long>(
        "mailscan.dnssec.statuses", description: "DNSSEC statuses of validated answers");

    private static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>(
        "mailscan.cache.lookups", description: "Cache lookups by cache (dns, host, vrp) and result (hit, miss)");

    private static readonly Gauge<long> CacheEntryCount = Meter.CreateGauge<long>(
        "mailscan.cache.entries", description: "Entries in this process's in-memory cache (DNS answers, DNSSEC verdicts, host evidence), counted at least once per Dns:CacheMaxEntries additions and after every eviction");

    private static readonly Counter<long> CacheEvictions = Meter.CreateCounter<long>(
        "mailscan.cache.evictions", description: "Entries dropped from this process's in-memory cache to keep it within Dns:CacheMaxEntries (least recently used first)");

    private static readonly Gauge<long> ConcurrencyLimits = Meter.CreateGauge<long>(
        "mailscan.concurrency.limit", description: "Where each adaptive concurrency limit stands after its last window, by scope (domains, or a probe kind in a process that runs its own probes)");

    private static readonly UpDownCounter<long> ProbesQueued = Meter.CreateUpDownCounter<long>(
        "mailscan.probes.queued", description: "Probes waiting for a slot of their kind in a process that runs its own probes, by kind");

    private static readonly Gauge<double> VrpSetTimestamp = Meter.CreateGauge<double>(
        "mailscan.vrp.set.timestamp", unit: "s", description: "When the VRP set this process holds was read from its source (Unix time; time() minus it is the set's age)");

    private static readonly Counter<long> VrpSetsPublished = Meter.CreateCounter<long>(
        "mailscan.vrp.published", description: "VRP set versions this process published to Redis for the cluster (only the publisher's lease holder counts)");

    private static readonly Counter<long> PolitenessWaits = Meter.CreateCounter<long>(
        "mailscan.politeness.waits", description: "Connections that had to wait for the per-address limit or spacing, by probe kind");

    private static readonly Histogram<double> PolitenessWait = Meter.CreateHistogram(
        "mailscan.politeness.wait.duration", unit: "s", description: "Time spent waiting at the connection gate, by probe kind",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.01, 0.1, 0.5, 1, 2, 5, 10, 30, 60] });

    private static readonly Counter<long> TargetDeferrals = Meter.CreateCounter<long>(
        "mailscan.target.deferrals", description: "Targets that put us off: 4xx greetings (421), connect and banner timeouts, by probe kind and reason");

    private static readonly UpDownCounter<long> DomainsInFlight = Meter.CreateUpDownCounter<long>(
        "mailscan.domains.in_flight", description: "Domains being scanned by this coordinator");

    private static readonly UpDownCounter<long> BatchesActive = Meter.CreateUpDownCounter<long>(
        "mailscan.batches.active", description: "Running batches this coordinator is scanning domains of");

    private static readonly Counter<long> DomainsDone = Meter.CreateCounter<long>(
        "mailscan.domains.done", description: "Domains reported by this coordinator's batch runner, by result (reported, failed)");

    private static readonly Counter<long> ApiCalls = Meter.CreateCounter<long>(
        "mailscan.api.calls", description: "Calls of the coordinator's API, by API key name (none when open, unknown when refused before a key was found) and outcome (allowed, unauthenticated, rate_limited, over_quota)");

    /// <summary>A call of the coordinator's API was let in or refused; <paramref name="key"/> is a configured key's name, "none" or "unknown", never a key.</summary>
    public static void ApiCall(string key, string outcome) =>
        ApiCalls.Add(1, new KeyValuePair<string, object?>("key", key), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A probe starts; returns the timestamp to pass to <see cref="ProbeFinished"/>.</summary>
    public static long ProbeStarted(string kind)
    {
        ProbesStarted.Add(1, new KeyValuePair<string, object?>("kind", kind));
        return Stopwatch.GetTimestamp();
    }

    /// <summary>A probe ended; <paramref name="outcome"/> is a fixed word (completed, not_allowed, timed_out, failed).</summary>
    public static void ProbeFinished(string kind, string outcome, long startedTimestamp)
    {
        ProbesFinished.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));
        ProbeDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
    }

    public static void DnsQuery(string resolver, string rcode) =>
        DnsQueries.Add(1, new KeyValuePair<string, object?>("resolver", resolver), new KeyValuePair<string, object?>("rcode", rcode));

    public static void DnssecStatus(string status) => DnssecStatuses.Add(1, new KeyValuePair<string, object?>("status", status));

    /// <summary>A cache was asked: <paramref name="cache"/> is dns, host or vrp.</summary>
    public static void CacheLookup(string cache, bool hit) =>
        CacheLookups.Add(1, new KeyValuePair<string, object?>("cache", cache), new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    /// <summary>The in-memory cache holds <paramref name="entries"/> entries.</summary>
    public static void CacheEntries(long entries) => CacheEntryCount.Record(entries);

    /// <summary>A probe of <paramref name="kind"/> began (+1) or ended (-1) waiting for a slot.</summary>
    public static void ProbeQueued(string kind, int change) => ProbesQueued.Add(change, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>An adaptive concurrency limit after a window.</summary>
    public static void ConcurrencyLimit(string scope, int limit) => ConcurrencyLimits.Record(limit, new KeyValuePair<string, object?>("scope", scope));

    /// <summary>The in-memory cache dropped <paramref name="entries"/> entries to stay within its bound.</summary>
    public static void CacheEvicted(long entries) => CacheEvictions.Add(entries);

    /// <summary>A VRP set was taken into use: its load time from the source, which the set carries across the cluster.</summary>
    public static void VrpSetHeld(DateTimeOffset loadedAt) => VrpSetTimestamp.Record(loadedAt.ToUnixTimeMilliseconds() / 1000.0);

    public static void VrpSetPublished() => VrpSetsPublished.Add(1);

    public static void PolitenessWaited(string kind, TimeSpan waited)
    {
        PolitenessWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
        if (waited > TimeSpan.FromMilliseconds(1))
            PolitenessWaits.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    /// <summary>The target deferred us; <paramref name="reason"/> is a fixed word (greeting_4xx, connect_timeout, banner_timeout).</summary>
    public static void TargetDeferred(string kind, string reason) =>
        TargetDeferrals.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));

    public static void DomainStarted() => DomainsInFlight.Add(1);

    public static void DomainEnded(bool? failed)
    {
        DomainsInFlight.Add(-1);
        if (failed is { } f)
            DomainsDone.Add(1, new KeyValuePair<string, object?>("result", f ? "failed" : "reported"));
    }

    public static void BatchStarted() => BatchesActive.Add(1);

    public static void BatchEnded() => BatchesActive.Add(-1);
}
