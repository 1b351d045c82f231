using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MailScan.Checks.Discovery;
using MailScan.Checks.Input;
using MailScan.Checks.Options;
using MailScan.Checks.Verdicts;
using MailScan.Dns;
using MailScan.Politeness;
using MailScan.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Scanning;

/// <summary>
/// Runs the mail test for one domain: finds the servers, runs every probe the categories need
/// (each unique probe once), and yields each category the moment its probes are complete.
/// The same code runs embedded and in the coordinator; only the dispatcher differs.
/// </summary>
public sealed partial class DomainScanner(
    IProbeDispatcher dispatcher,
    CheckRegistry registry,
    IConnectionGate gate,
    IOptions<MailScanOptions> options,
    TimeProvider time,
    ILogger<DomainScanner> logger)
{
    /// <summary>How often a scan whose only unfinished probes wait out strict servers asks whether one of those servers is strict.</summary>
    private static readonly TimeSpan StrictLook = TimeSpan.FromSeconds(1);

    private readonly ScanOptions _options = options.Value.Scan;
    private readonly TimeSpan _domainTime = ScanTimeLimits.Domain(options.Value);

    /// <summary>Scans the domain; the last event is always <see cref="ScanCompleted"/>.</summary>
    /// <exception cref="ScanFailedException">No resolver answered, so nothing could be measured.</exception>
    public IAsyncEnumerable<ScanEvent> ScanAsync(DomainName domain, CancellationToken cancellationToken) => ScanAsync(domain, null, cancellationToken);

    /// <summary>
    /// Scans the domain, calling <paramref name="waitingOnStrictServers"/> once when all that is left
    /// are probes that wait out a mail server the gate knows as strict (a batch then lets other
    /// domains past this one); the last event is always <see cref="ScanCompleted"/>.
    /// </summary>
    /// <exception cref="ScanFailedException">No resolver answered, so nothing could be measured.</exception>
    public async IAsyncEnumerable<ScanEvent> ScanAsync(DomainName domain, Action? waitingOnStrictServers, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var span = MailScanTracing.StartDomainScan(domain.Ascii);
        var startedAt = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_domainTime);

        var results = new ProbeResultSet();
        var serversKey = new ProbeKey(MailServersProbe.Name, domain.Ascii);
        var serversResult = await DiscoverAsync(serversKey, deadline.Token, cancellationToken).ConfigureAwait(false);
        results.Add(serversResult);
        var servers = serversResult.EvidenceAs<MailServerEvidence>()
            ?? throw new ScanFailedException($"the mail and name servers of {domain} could not be looked up: {serversResult.Reason}");
        if (ResolverSilent(servers))
            throw new ScanFailedException($"no DNS answer for {domain} (MX: {servers.MxStatus}, NS: {servers.NsStatus}); is the resolver reachable?");

        yield return new ServersDiscovered(servers);

        var planned = registry.Checks.ToDictionary(c => c, c => c.Plan(servers));
        var plans = planned.ToDictionary(p => p.Key, p => p.Value.Select(r => r.Key).Distinct().ToList());
        var requests = planned.Values.SelectMany(r => r).DistinctBy(r => r.Key).ToList();
        LogPlan(logger, domain.Ascii, requests.Count);

        var completed = Channel.CreateUnbounded<ProbeResult>();
        // After a yield the iterator runs in its caller's flow: the probes must start under this domain's span again.
        Activity.Current = span ?? Activity.Current;
        var running = RunProbesAsync(requests, completed.Writer, deadline.Token);
        var unfinished = requests.Select(r => r.Key).ToHashSet();
        using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        Task? watch = null;

        var categories = new Dictionary<string, CategoryResult>();
        foreach (var category in JudgeReady(servers, plans, results, categories, clock))
            yield return new CategoryCompleted(category);

        await foreach (var result in completed.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            results.Add(result);
            unfinished.Remove(result.Key);
            if (waitingOnStrictServers is not null && watch is null && OnlyStrictWaitsLeft(unfinished) is { } addresses)
                watch = WatchStrictAsync(addresses, waitingOnStrictServers, watchStop.Token);
            foreach (var category in JudgeReady(servers, plans, results, categories, clock))
                yield return new CategoryCompleted(category);
        }
        await running.ConfigureAwait(false);
        await watchStop.CancelAsync().ConfigureAwait(false);
        if (watch is not null)
            await watch.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var ordered = registry.Checks.Select(c => categories[c.CategoryId]).ToList();
        yield return new ScanCompleted(new ScanReport(domain, startedAt, clock.Elapsed, ordered, servers, results.All()));
    }

    /// <summary>The mail and name servers; a discovery that outlasts the domain's time is a scan that could not be made, not an interruption.</summary>
    private async Task<ProbeResult> DiscoverAsync(ProbeKey serversKey, CancellationToken deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await dispatcher.DispatchAsync(new ProbeRequest(serversKey), deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ScanFailedException($"the mail and name servers of {serversKey.Target} were not found within the domain's time ({_domainTime.TotalSeconds:0} s)");
        }
    }

    /// <summary>The addresses the unfinished probes wait on, when every one of them is a probe that waits out strict servers; else null.</summary>
    private static List<IPAddress>? OnlyStrictWaitsLeft(HashSet<ProbeKey> unfinished)
    {
        if (unfinished.Count == 0 || !unfinished.All(k => ScanTimeLimits.WaitsOutStrictServers(k.Kind)))
            return null;
        return unfinished.Select(k => IPAddress.TryParse(k.Target, out var address) ? address : null).OfType<IPAddress>().ToList();
    }

    /// <summary>Asks the gate, until the scan ends, whether one of the addresses is strict; says so once.</summary>
    private async Task WatchStrictAsync(IReadOnlyCollection<IPAddress> addresses, Action waiting, CancellationToken stop)
    {
        try
        {
            while (!await gate.AnyStrictAsync(addresses, stop).ConfigureAwait(false))
                await Task.Delay(StrictLook, time, stop).ConfigureAwait(false);
            waiting();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The scan ended first.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not knowing only keeps the domain in its slot; the scan itself goes on.
            LogStrictWatch(logger, ex.Message);
        }
    }

    /// <summary>Runs every request with bounded concurrency; a request that cannot finish in time still yields a result.</summary>
    private async Task RunProbesAsync(IReadOnlyList<ProbeRequest> requests, ChannelWriter<ProbeResult> completed, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(_options.ProbeConcurrency);
        var tasks = requests.Select(async request =>
        {
            ProbeResult result;
            try
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    result = await dispatcher.DispatchAsync(request, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }
            catch (OperationCanceledException)
            {
                result = ProbeResult.NotCompleted(request.Key, ProbeOutcome.TimedOut,
                    $"the domain scan ran out of time ({_domainTime.TotalSeconds:0} s)", TimeSpan.Zero);
            }
            completed.TryWrite(result);
        });
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        finally
        {
            completed.TryComplete();
        }
    }

    private IEnumerable<CategoryResult> JudgeReady(
        MailServerEvidence servers,
        Dictionary<IMailCheck, List<ProbeKey>> plans,
        ProbeResultSet results,
        Dictionary<string, CategoryResult> done,
        Stopwatch clock)
    {
        foreach (var (check, keys) in plans)
        {
            if (done.ContainsKey(check.CategoryId) || !results.HasAll(keys))
                continue;
            var category = Judge(check, servers, results) with { Elapsed = clock.Elapsed };
            done[check.CategoryId] = category;
            LogCategory(logger, servers.Domain, check.CategoryId, category.Status, clock.Elapsed.TotalMilliseconds);
            yield return category;
        }
    }

    private static CategoryResult Judge(IMailCheck check, MailServerEvidence servers, IProbeResults results)
    {
        if (!servers.DomainMissing)
            return check.Judge(servers, results);
        var shell = check.Judge(servers, results);
        return shell with
        {
            Status = TestStatus.NotTested,
            Summary = "The domain does not exist (NXDOMAIN), so there is nothing to test.",
            Tests = shell.Tests.Select(t => t with { Status = TestStatus.NotTested, Reason = "the domain does not exist (NXDOMAIN)", Details = null, Points = [] }).ToList(),
            StatusNote = string.Empty,
            Score = CategoryScore.None("the domain does not exist"),
        };
    }

    private static bool ResolverSilent(MailServerEvidence servers) =>
        DnsStatus.IsUnreachable(servers.MxStatus) && DnsStatus.IsUnreachable(servers.NsStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not tell whether a mail server is strict: {Message}")]
    private static partial void LogStrictWatch(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Domain}: {Count} probes planned")]
    private static partial void LogPlan(ILogger logger, string domain, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Domain}: {Category} {Status} after {Milliseconds:0} ms")]
    private static partial void LogCategory(ILogger logger, string domain, string category, TestStatus status, double milliseconds);
}
