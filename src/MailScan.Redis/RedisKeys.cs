using MailScan.Redis.Hosting;
using StackExchange.Redis;

namespace MailScan.Redis;

/// <summary>Every Redis key the cluster uses, under one configurable prefix.</summary>
public sealed class RedisKeys(ClusterOptions cluster)
{
    private readonly string _prefix = cluster.RedisPrefix;

    /// <summary>Prefix of the HybridCache second level (DNS answers, host evidence).</summary>
    public string CachePrefix => _prefix + "cache:";

    public RedisKey RunningBatches => _prefix + "batches:running";

    /// <summary>The batches of one owner (a sorted set of ids by creation time, the newest kept).</summary>
    public RedisKey OwnerBatches(string owner) => $"{_prefix}owner:{owner}:batches";

    public RedisKey Batch(string id) => $"{_prefix}batch:{id}";

    public RedisKey Waiting(string id) => $"{_prefix}batch:{id}:waiting";

    public RedisKey InFlight(string id) => $"{_prefix}batch:{id}:flight";

    public RedisKey Reported(string id) => $"{_prefix}batch:{id}:reported";

    public RedisKey Log(string id) => $"{_prefix}batch:{id}:log";

    /// <summary>The host evidence the batch's compact reports name, once per batch (a hash of reference to compressed evidence).</summary>
    public RedisKey Evidence(string id) => $"{_prefix}batch:{id}:evidence";

    /// <summary>The reports the batch's log entries are compressed with (a primer: see MailScan.Coordinator's ResultPrimer).</summary>
    public RedisKey Primer(string id) => $"{_prefix}batch:{id}:primer";

    /// <summary>The batch's first reports, gathered until there are enough of them to make its primer.</summary>
    public RedisKey PrimerParts(string id) => $"{_prefix}batch:{id}:primer-parts";

    /// <summary>The lock of one host probe across the cluster (single flight).</summary>
    public RedisKey ProbeLock(string probe) => $"{_prefix}probe:lock:{probe}";

    /// <summary>A host probe's result, handed from the process that ran it to those that waited.</summary>
    public RedisKey ProbeResult(string probe) => $"{_prefix}probe:result:{probe}";

    /// <summary>The channel on which a probe's holder says it is done (the probe key as the message), so waiters need not poll.</summary>
    public RedisChannel ProbeNotices => RedisChannel.Literal(_prefix + "notice:probe");

    /// <summary>How often a host probe really ran within the scan window, for operators and tests (expires with the probe's result).</summary>
    public RedisKey ProbeRuns(string probe) => $"{_prefix}probe:runs:{probe}";

    /// <summary>The lease of the one process that follows the VRP source and publishes its versions.</summary>
    public RedisKey VrpLease => _prefix + "vrp:lease";

    /// <summary>The version of the VRP set the cluster uses now (or "!" and why the set was withdrawn).</summary>
    public RedisKey VrpCurrent => _prefix + "vrp:current";

    /// <summary>One version of the VRP set, serialised by <c>VrpSetCodec</c>.</summary>
    public RedisKey VrpVersion(string version) => $"{_prefix}vrp:set:{version}";

    /// <summary>The open connections to one address (a sorted set of leases), the earliest next start, and the pace it taught (a hash).</summary>
    public (RedisKey Leases, RedisKey NextStart, RedisKey Pace) Gate(string address) =>
        ($"{_prefix}gate:{address}:leases", $"{_prefix}gate:{address}:next", $"{_prefix}gate:{address}:pace");

    /// <summary>Set while an address is known to be strict (it put a client off or greets slowly); expires with the learnt pace's lifetime.</summary>
    public RedisKey GateStrict(string address) => $"{_prefix}gate:{address}:strict";

    /// <summary>The channel on which a released connection names its address (the message), so processes waiting for it need not poll.</summary>
    public RedisChannel GateNotices => RedisChannel.Literal(_prefix + "notice:gate");

    /// <summary>When the next SMTP connection of the whole cluster may start (Smtp:MaxConnectionsPerSecond), in Redis's microseconds.</summary>
    public RedisKey GateRate => _prefix + "gate:rate";

    /// <summary>How many names an API key submitted on a UTC day (expires two days later).</summary>
    public RedisKey QuotaNames(string keyName, DateOnly day) => $"{_prefix}quota:{keyName}:names:{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The batches of an API key that may still run (a set of batch ids).</summary>
    public RedisKey QuotaBatches(string keyName) => $"{_prefix}quota:{keyName}:batches";

    /// <summary>A report of the web page, kept for its permalink (expires after Web:ReportRetention).</summary>
    public RedisKey WebReport(string id) => $"{_prefix}web:report:{id}";
}
