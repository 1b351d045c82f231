using DnsClient;
using MailScan.Dns.Wire;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Dns.Tests;

/// <summary>Dns:MaxQueriesInFlight: past the cap, questions wait in the scanner instead of filling the resolver's request list.</summary>
public sealed class ResolverQueryCapTests
{
    [Fact]
    public async Task No_more_questions_than_the_cap_are_outstanding_at_the_resolver()
    {
        var received = 0;
        // A resolver that never answers: every question stays outstanding until it is given up.
        await using var silent = new HostileDnsServer((_, _) =>
        {
            Interlocked.Increment(ref received);
            return null;
        });
        var options = new DnsOptions { Resolvers = [$"{silent.EndPoint.Address}:{silent.EndPoint.Port}"], QueryTimeout = TimeSpan.FromSeconds(30), Retries = 0, MaxQueriesInFlight = 2 };
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var cache = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        var resolver = new DnsResolver(wrapped, new ResolverSet(options.Resolvers), new DnsWireClient(wrapped, NullLogger<DnsWireClient>.Instance),
            new DnsMessageCache(cache, TimeProvider.System, wrapped));
        using var stop = new CancellationTokenSource();

        var questions = Enumerable.Range(0, 5).Select(i => resolver.QueryAsync($"n{i}.example", QueryType.A, stop.Token)).ToList();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref received) < 2 && DateTime.UtcNow < until)
            await Task.Delay(20);
        await Task.Delay(300);

        Assert.Equal(2, Volatile.Read(ref received));
        await stop.CancelAsync();
        foreach (var question in questions)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => question);
    }
}
