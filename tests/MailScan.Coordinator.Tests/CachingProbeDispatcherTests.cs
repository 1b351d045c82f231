using MailScan.Checks.Discovery;
using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Coordinator.Tests;

public sealed class CachingProbeDispatcherTests
{
    private static HybridCache Cache() =>
        new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();

    private sealed class CountingDispatcher(Func<ProbeRequest, ProbeResult> answer, TimeSpan delay) : IProbeDispatcher
    {
        private int _calls;

        public int Calls => _calls;

        public async Task<ProbeResult> DispatchAsync(ProbeRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await Task.Delay(delay, cancellationToken);
            return answer(request);
        }
    }

    private static ProbeResult Greeted(ProbeRequest request) =>
        ProbeResult.Completed(request.Key, new SmtpEvidence(request.Key.Target, 25, SmtpConnectState.Greeted, 220, "hi", false, [], 1, 1), TimeSpan.FromMilliseconds(5));

    [Fact]
    public async Task Concurrent_requests_for_one_host_share_one_probe_and_later_ones_are_marked_reused()
    {
        var inner = new CountingDispatcher(Greeted, TimeSpan.FromMilliseconds(100));
        var dispatcher = new CachingProbeDispatcher(inner, Cache(), TimeSpan.FromMinutes(5));
        var request = new ProbeRequest(new ProbeKey(SmtpGreetingProbe.Name, "192.0.2.25"), "mx1.example.nl");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => dispatcher.DispatchAsync(request, CancellationToken.None)));
        var later = await dispatcher.DispatchAsync(request with { Hint = "mx2.example.org" }, CancellationToken.None);

        Assert.Equal(1, inner.Calls);
        Assert.Equal(1, results.Count(r => !r.Reused));
        Assert.True(later.Reused);
        Assert.Equal(220, later.EvidenceAs<SmtpEvidence>()!.GreetingCode);
    }

    [Fact]
    public async Task Timeouts_are_not_kept_so_the_next_domain_probes_again()
    {
        var inner = new CountingDispatcher(r => ProbeResult.NotCompleted(r.Key, ProbeOutcome.TimedOut, "slow", TimeSpan.Zero), TimeSpan.Zero);
        var dispatcher = new CachingProbeDispatcher(inner, Cache(), TimeSpan.FromMinutes(5));
        var request = new ProbeRequest(new ProbeKey(SmtpGreetingProbe.Name, "192.0.2.26"));

        var first = await dispatcher.DispatchAsync(request, CancellationToken.None);
        var second = await dispatcher.DispatchAsync(request, CancellationToken.None);

        Assert.Equal(ProbeOutcome.TimedOut, first.Outcome);
        Assert.False(second.Reused);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task Domain_level_probes_pass_through_uncached()
    {
        var inner = new CountingDispatcher(Greeted, TimeSpan.Zero);
        var dispatcher = new CachingProbeDispatcher(inner, Cache(), TimeSpan.FromMinutes(5));
        var request = new ProbeRequest(new ProbeKey(MailServersProbe.Name, "example.nl"));

        await dispatcher.DispatchAsync(request, CancellationToken.None);
        await dispatcher.DispatchAsync(request, CancellationToken.None);

        Assert.Equal(2, inner.Calls);
    }
}
