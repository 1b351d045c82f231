using MailScan.Checks.Options;
using MailScan.Coordinator.Workers;
using MailScan.Redis.Hosting;
using MailScan.Worker.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Coordinator.Tests.Workers;

public sealed class ProbeFamilyWatchTests
{
    [Fact]
    public async Task A_family_whose_queue_has_no_consumer_or_does_not_exist_is_named_until_a_worker_takes_it()
    {
        var counts = new FakeCounts(new Dictionary<string, int> { ["probe-dns"] = 2, ["probe-ns"] = 1, ["probe-smtp"] = 1, ["probe-rpki"] = 0 });
        var logs = new ListLogger();
        var watch = new ProbeFamilyWatch([counts], Microsoft.Extensions.Options.Options.Create(new MailScanOptions()), Microsoft.Extensions.Options.Options.Create(new ClusterOptions()), logs);

        await watch.CheckAsync(CancellationToken.None);
        Assert.Equal(["rpki", "https"], watch.FamiliesWithoutConsumer);
        Assert.Contains("No worker consumes the probe family rpki, https (queue probe-rpki, probe-https)", Assert.Single(logs.Lines));

        await watch.CheckAsync(CancellationToken.None);
        Assert.Single(logs.Lines);

        counts.Counts["probe-rpki"] = 1;
        counts.Counts["probe-https"] = 1;
        await watch.CheckAsync(CancellationToken.None);
        Assert.Empty(watch.FamiliesWithoutConsumer);
        Assert.StartsWith("Every probe family has a worker; consumers per family: dns 2, ns 1", logs.Lines[^1]);
    }

    [Fact]
    public async Task A_broker_that_cannot_be_asked_leaves_the_last_answer()
    {
        var counts = new FakeCounts(new Dictionary<string, int> { ["probe-dns"] = 1 });
        var watch = new ProbeFamilyWatch([counts], Microsoft.Extensions.Options.Options.Create(new MailScanOptions()), Microsoft.Extensions.Options.Options.Create(new ClusterOptions()), NullLogger<ProbeFamilyWatch>.Instance);
        await watch.CheckAsync(CancellationToken.None);
        counts.Broken = true;

        await watch.CheckAsync(CancellationToken.None);

        Assert.Equal(["ns", "smtp", "rpki", "https"], watch.FamiliesWithoutConsumer);
    }

    private sealed class FakeCounts(Dictionary<string, int> counts) : IQueueConsumerCounts
    {
        public Dictionary<string, int> Counts { get; } = counts;

        public bool Broken { get; set; }

        public Task<IReadOnlyDictionary<string, int>> CountAsync(IReadOnlyCollection<string> queues, CancellationToken cancellationToken) =>
            Broken ? throw new IOException("connection refused")
                : Task.FromResult<IReadOnlyDictionary<string, int>>(queues.Where(Counts.ContainsKey).ToDictionary(q => q, q => Counts[q]));
    }

    private sealed class ListLogger : ILogger<ProbeFamilyWatch>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                Lines.Add(formatter(state, exception));
        }
    }
}
