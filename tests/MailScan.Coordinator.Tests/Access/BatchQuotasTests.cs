using MailScan.Coordinator.Access;
using MailScan.Coordinator.Batches;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Coordinator.Tests.Access;

public sealed class BatchQuotasTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.Zero));
    private readonly MemoryQuotaLedger _ledger = new();
    private readonly MemoryBatchStore _store;
    private readonly BatchQuotas _quotas;

    public BatchQuotasTests()
    {
        _store = new MemoryBatchStore(_time, TimeSpan.FromDays(7));
        _quotas = new BatchQuotas(_ledger, _store, _time);
    }

    private static ApiKey Key(int batches = 0, long namesPerDay = 0) => new("research", batches, namesPerDay, 0, 1);

    private async Task<string> SubmitAsync(ApiKey key, int names)
    {
        await using var admission = await _quotas.AdmitBatchAsync(key, names, CancellationToken.None);
        var batch = await _store.CreateAsync(key.Name, "t", [.. Enumerable.Range(0, names).Select(i => $"d{i}.nl")], CancellationToken.None);
        await admission.CommitAsync(batch.Id, CancellationToken.None);
        return batch.Id;
    }

    [Fact]
    public async Task Names_over_the_day_are_refused_with_the_quota_and_the_reset_at_midnight_utc()
    {
        var key = Key(namesPerDay: 10);
        await SubmitAsync(key, 6);
        var refused = await Assert.ThrowsAsync<BatchRequestException>(() => SubmitAsync(key, 5));
        Assert.Equal(BatchProblem.OverQuota, refused.Problem);
        Assert.Contains("10 names per UTC day (MaxNamesPerDay)", refused.Message);
        Assert.Contains("has used 6 today", refused.Message);
        Assert.Contains("resets at 2026-11-30T00:00Z", refused.Message);
        await SubmitAsync(key, 4);
    }

    [Fact]
    public async Task The_count_starts_again_on_the_next_utc_day()
    {
        var key = Key(namesPerDay: 10);
        await SubmitAsync(key, 10);
        await Assert.ThrowsAsync<BatchRequestException>(() => SubmitAsync(key, 1));
        _time.Advance(TimeSpan.FromHours(1));
        await SubmitAsync(key, 10);
    }

    [Fact]
    public async Task A_batch_refused_after_admission_gives_its_names_back()
    {
        var key = Key(namesPerDay: 10);
        await using (await _quotas.AdmitBatchAsync(key, 8, CancellationToken.None))
        {
            // The batch store refused it: no commit.
        }
        await SubmitAsync(key, 10);
    }

    [Fact]
    public async Task A_key_at_its_running_batches_is_refused_until_one_ends()
    {
        var key = Key(batches: 2);
        var first = await SubmitAsync(key, 1);
        await SubmitAsync(key, 1);
        var refused = await Assert.ThrowsAsync<BatchRequestException>(() => SubmitAsync(key, 1));
        Assert.Equal(BatchProblem.OverQuota, refused.Problem);
        Assert.Contains("has 2 batches running, its limit (MaxConcurrentBatches)", refused.Message);

        await _store.CancelAsync(first, CancellationToken.None);
        await SubmitAsync(key, 1);
        Assert.Equal(2, (await _ledger.BatchesAsync(key.Name, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Keys_count_apart()
    {
        var research = Key(batches: 1, namesPerDay: 5);
        var ops = research with { Name = "ops" };
        await SubmitAsync(research, 5);
        await SubmitAsync(ops, 5);
        await Assert.ThrowsAsync<BatchRequestException>(() => SubmitAsync(ops, 1));
    }

    [Fact]
    public async Task A_single_scan_counts_one_name_of_the_day()
    {
        var key = Key(namesPerDay: 2);
        await _quotas.ChargeScanAsync(key, CancellationToken.None);
        await _quotas.ChargeScanAsync(key, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<BatchRequestException>(() => _quotas.ChargeScanAsync(key, CancellationToken.None));
        Assert.Contains("MaxNamesPerDay", refused.Message);
    }
}
