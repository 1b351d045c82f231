using MailScan.Checks.Discovery;
using MailScan.Checks.Input;
using MailScan.Checks.Ipv6;
using MailScan.Checks.Ipv6.NameServers;
using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;
using MailScan.Politeness;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Tests.Scanning;

public sealed class DomainScannerTests
{
    private static readonly MailServerEvidence Servers = new(
        "example.nl", "NOERROR", false,
        [new HostAddresses("mx.example.nl", 10, ["192.0.2.25"], ["2001:db8::25"], "NOERROR", "NOERROR")],
        "NOERROR", "example.nl",
        [
            new HostAddresses("ns1.example.net", 0, [], ["2001:db8::53"], "NOERROR", "NOERROR"),
            new HostAddresses("ns2.example.net", 0, [], ["2001:db8::54"], "NOERROR", "NOERROR"),
        ]);

    private static DomainScanner Scanner(IProbeDispatcher dispatcher, CheckRegistry? registry = null, MailScanOptions? options = null, IConnectionGate? gate = null)
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options ?? new MailScanOptions());
        return new(dispatcher, registry ?? CheckRegistry.Default(), gate ?? new LocalConnectionGate(Microsoft.Extensions.Options.Options.Create<ConnectionGateOptions>(wrapped.Value.Smtp), TimeProvider.System), wrapped,
            TimeProvider.System, NullLogger<DomainScanner>.Instance);
    }

    private static Task<ProbeResult> Answer(ProbeRequest request, MailServerEvidence servers) => Task.FromResult(request.Key.Kind switch
    {
        MailServersProbe.Name => ProbeResult.Completed(request.Key, servers, TimeSpan.Zero),
        NameServerReachProbe.Name => ProbeResult.Completed(request.Key, new NameServerReachEvidence(request.Key.Target, "q", "NOERROR", "NOERROR", 1, 1), TimeSpan.Zero),
        SmtpGreetingProbe.Name => ProbeResult.Completed(request.Key, new SmtpEvidence(request.Key.Target, 25, SmtpConnectState.Greeted, 220, "hi", true, ["STARTTLS"], 1, 1), TimeSpan.Zero),
        _ => ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed, "no fake answer for this kind", TimeSpan.Zero),
    });

    private static async Task<List<ScanEvent>> Collect(DomainScanner scanner, string domain = "example.nl")
    {
        var events = new List<ScanEvent>();
        await foreach (var step in scanner.ScanAsync(DomainName.Parse(domain), CancellationToken.None))
            events.Add(step);
        return events;
    }

    [Fact]
    public async Task Servers_come_first_then_every_category_once_then_the_report()
    {
        var events = await Collect(Scanner(new FakeDispatcher((r, _) => Answer(r, Servers))));

        Assert.IsType<ServersDiscovered>(events[0]);
        var categories = events.OfType<CategoryCompleted>().Select(c => c.Category.Id).ToList();
        Assert.Equal(CategoryIds.All.Order(), categories.Order());
        var report = Assert.IsType<ScanCompleted>(events[^1]).Report;
        Assert.Equal(CategoryIds.All, report.Categories.Select(c => c.Id));
        Assert.Equal(TestStatus.Passed, report.Categories[0].Status);
    }

    [Fact]
    public async Task A_scan_left_waiting_only_on_a_strict_server_says_so_once_and_an_ordinary_one_never()
    {
        var options = new MailScanOptions();
        var gate = new LocalConnectionGate(Microsoft.Extensions.Options.Options.Create<ConnectionGateOptions>(options.Smtp), TimeProvider.System);
        var strictMarked = new TaskCompletionSource();
        var said = 0;
        var dispatcher = new FakeDispatcher(async (r, token) =>
        {
            if (r.Key.Kind == StartTlsProbe.Name)
            {
                // The evaluation finds the server strict and goes on waiting it out.
                await gate.MarkStrictAsync(System.Net.IPAddress.Parse(r.Key.Target), token);
                strictMarked.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(3), token);
            }
            return await Answer(r, Servers);
        });

        var events = new List<ScanEvent>();
        var startTlsJudged = false;
        var startTlsJudgedWhenSaid = true;
        await foreach (var step in Scanner(dispatcher, options: options, gate: gate).ScanAsync(DomainName.Parse("example.nl"), () =>
        {
            Interlocked.Increment(ref said);
            startTlsJudgedWhenSaid = Volatile.Read(ref startTlsJudged);
        }, CancellationToken.None))
        {
            events.Add(step);
            if (step is CategoryCompleted { Category.Id: CategoryIds.StartTls })
                Volatile.Write(ref startTlsJudged, true);
        }

        Assert.True(strictMarked.Task.IsCompleted);
        Assert.Equal(1, said);
        Assert.False(startTlsJudgedWhenSaid);
        Assert.IsType<ScanCompleted>(events[^1]);

        var ordinary = 0;
        await foreach (var _ in Scanner(new FakeDispatcher((r, _) => Answer(r, Servers)), options: options).ScanAsync(DomainName.Parse("example.nl"), () => ordinary++, CancellationToken.None))
        {
        }
        Assert.Equal(0, ordinary);
    }

    [Fact]
    public async Task Each_unique_probe_runs_once_even_when_two_checks_plan_it()
    {
        var registry = new CheckRegistry([new Ipv6Check(), new DuplicateIpv6Check()]);
        var dispatcher = new FakeDispatcher((r, _) => Answer(r, Servers));
        await Collect(Scanner(dispatcher, registry));
        Assert.Equal(4, dispatcher.Asked.Count);
        Assert.Equal(4, dispatcher.Asked.Distinct().Count());
    }

    [Fact]
    public async Task A_probe_that_outlives_the_domain_limit_ends_as_not_testable()
    {
        var options = new MailScanOptions();
        options.Scan.DomainTimeout = TimeSpan.FromMilliseconds(300);
        options.Smtp.StrictServerBudget = TimeSpan.Zero;
        var dispatcher = new FakeDispatcher(async (r, token) =>
        {
            if (r.Key.Kind == SmtpGreetingProbe.Name)
                await Task.Delay(Timeout.Infinite, token);
            return await Answer(r, Servers);
        });
        var events = await Collect(Scanner(dispatcher, options: options));
        var ipv6 = events.OfType<ScanCompleted>().Single().Report.Categories[0];
        var reach = ipv6.Tests.Single(t => t.Id == Ipv6SubtestIds.MxReach);
        Assert.Equal(TestStatus.NotTestable, reach.Status);
        Assert.Contains("ran out of time", reach.Reason);
    }

    [Fact]
    public async Task A_discovery_that_outlives_the_domain_limit_is_a_scan_that_could_not_be_made()
    {
        var options = new MailScanOptions();
        options.Scan.DomainTimeout = TimeSpan.FromMilliseconds(200);
        options.Smtp.StrictServerBudget = TimeSpan.Zero;
        var dispatcher = new FakeDispatcher(async (r, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return await Answer(r, Servers);
        });
        var error = await Assert.ThrowsAsync<ScanFailedException>(() => Collect(Scanner(dispatcher, options: options)));
        Assert.Contains("were not found within the domain's time", error.Message);
    }

    [Fact]
    public async Task A_silent_resolver_means_the_scan_cannot_be_done()
    {
        var silent = Servers with { MxStatus = "TIMEOUT", NsStatus = "TIMEOUT", MailServers = [], NameServers = [] };
        var scanner = Scanner(new FakeDispatcher((r, _) => Answer(r, silent)));
        var error = await Assert.ThrowsAsync<ScanFailedException>(() => Collect(scanner));
        Assert.Contains("resolver", error.Message);
    }

    [Fact]
    public async Task A_missing_domain_is_reported_as_such_in_every_category()
    {
        var missing = Servers with { MxStatus = "NXDOMAIN", MailServers = [], NameServers = [] };
        var events = await Collect(Scanner(new FakeDispatcher((r, _) => Answer(r, missing))));
        Assert.True(((ServersDiscovered)events[0]).Servers.DomainMissing);
        var report = events.OfType<ScanCompleted>().Single().Report;
        Assert.All(report.Categories.SelectMany(c => c.Tests), t => Assert.Contains("NXDOMAIN", t.Reason));
    }

    private sealed class DuplicateIpv6Check : IMailCheck
    {
        private readonly Ipv6Check _inner = new();

        public string CategoryId => "duplicate";

        public IReadOnlyList<ProbeRequest> Plan(MailServerEvidence servers) => _inner.Plan(servers);

        public CategoryResult Judge(MailServerEvidence servers, IProbeResults results) => _inner.Judge(servers, results) with { Id = "duplicate" };
    }
}
