using MailScan.Coordinator.Batches;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Coordinator.Tests.Batches;

public sealed class MemoryBatchStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Every_domain_is_logged_once_even_when_completed_twice()
    {
        var store = new MemoryBatchStore(_time, TimeSpan.FromDays(7));
        var batch = await store.CreateAsync("owner", "t", ["a.nl", "b.nl"], None);
        var claimed = await store.ClaimAsync(batch.Id, "c1", 10, _time.GetUtcNow().AddMinutes(5), None);
        Assert.Equal(["a.nl", "b.nl"], claimed);

        Assert.True(await store.CompleteAsync(batch.Id, "a.nl", [1], false, None));
        Assert.False(await store.CompleteAsync(batch.Id, "a.nl", [2], false, None));
        Assert.True(await store.CompleteAsync(batch.Id, "b.nl", [3], true, None));

        var done = await store.GetAsync(batch.Id, None);
        Assert.Equal(BatchPhase.Completed, done!.Phase);
        Assert.Equal((2L, 1L, 0L), (done.Done, done.Failed, done.InFlight));
        var log = await store.ReadAsync(batch.Id, 0, 10, None);
        Assert.Equal([1L, 2L], log.Select(r => r.Cursor));
        Assert.Equal([1, 3], log.Select(r => (int)r.Report[0]));
        Assert.Empty(await store.RunningAsync(None));
    }

    [Fact]
    public async Task Each_coordinators_count_of_domains_waiting_on_strict_servers_adds_up_while_the_batch_runs()
    {
        var store = new MemoryBatchStore(_time, TimeSpan.FromDays(7));
        var batch = await store.CreateAsync("owner", "t", ["a.nl", "b.nl", "c.nl"], None);
        await store.ClaimAsync(batch.Id, "c1", 3, _time.GetUtcNow().AddMinutes(5), None);
        await store.SetWaitingOnStrictServersAsync(batch.Id, "c1", 2, None);
        await store.SetWaitingOnStrictServersAsync(batch.Id, "c2", 1, None);
        Assert.Equal(3, (await store.GetAsync(batch.Id, None))!.WaitingOnStrictServers);

        await store.SetWaitingOnStrictServersAsync(batch.Id, "c1", 0, None);
        Assert.Equal(1, (await store.GetAsync(batch.Id, None))!.WaitingOnStrictServers);

        await store.CancelAsync(batch.Id, None);
        Assert.Equal(0, (await store.GetAsync(batch.Id, None))!.WaitingOnStrictServers);
    }

    [Fact]
    public async Task A_store_that_forgets_read_results_keeps_only_what_its_reader_has_not_asked_past()
    {
        var store = new MemoryBatchStore(_time, TimeSpan.FromDays(7), forgetRead: true);
        var batch = await store.CreateAsync("owner", "t", ["a.nl", "b.nl", "c.nl"], None);
        await store.ClaimAsync(batch.Id, "c1", 3, _time.GetUtcNow().AddMinutes(5), None);
        await store.CompleteAsync(batch.Id, "a.nl", [1], false, None);
        await store.CompleteAsync(batch.Id, "b.nl", [2], false, None);

        Assert.Equal([1L, 2L], (await store.ReadAsync(batch.Id, 0, 10, None)).Select(r => r.Cursor));
        await store.CompleteAsync(batch.Id, "c.nl", [3], true, None);
        var next = await store.ReadAsync(batch.Id, 2, 10, None);

        Assert.Equal([(3L, 3)], next.Select(r => (r.Cursor, (int)r.Report[0])));
        // Asking past a result drops it: a reader going back finds only what it has not asked past.
        Assert.Equal([3L], (await store.ReadAsync(batch.Id, 0, 10, None)).Select(r => r.Cursor));
        Assert.Empty(await store.ReadAsync(batch.Id, 3, 10, None));
        Assert.Empty(await store.ReadAsync(batch.Id, 0, 10, None));
        var done = await store.GetAsync(batch.Id, None);
        Assert.Equal((BatchPhase.Completed, 3L, 1L), (done!.Phase, done.Done, done.Failed));
    }

    [Fact]
    public async Task A_store_that_keeps_read_results_serves_them_again_from_any_cursor()
    {
        var store = new MemoryBatchStore(_time, TimeSpan.FromDays(7));
        var batch = await store.CreateAsync("owner", "t", ["a.nl", "b.nl"], None);
        await store.ClaimAsync(batch.Id, "c1", 2, _time.GetUtcNow().AddMinutes(5), None);
        await store.CompleteAsync(batch.Id, "a.nl", [1], false, None);
        await store.CompleteAsync(batch.Id, "b.nl", [2], false, None);

        Assert.Empty(await store.ReadAsync(batch.Id, 2, 10, None));

        Assert.Equal([1L, 2L], (await store.ReadAsync(batch.Id, 0, 10, None)).Select(r => r.Cursor));
    }

    [Fact]
    public async Task A_finished_batch_is_forgotten_after_the_retention_and_a_running_one_is_kept()
    {
        var store = new MemoryBatchStore(_time, TimeSpan.FromHours(1));
        var finished = await store.CreateAsync("owner", "t", ["a.nl"], None);
        var running = await store.CreateAsync("owner", "t", ["b.nl"], None);
        await store.ClaimAsync(finished.Id, "c1", 1, _time.GetUtcNow().AddMinutes(5), None);
        Assert.True(await store.CompleteAsync(finished.Id, "a.nl", [1], false, None));

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await store.GetAsync(finished.Id, None));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await store.GetAsync(finished.Id, None));
        Assert.Empty(await store.ReadAsync(finished.Id, 0, 10, None));
        Assert.Equal(BatchPhase.Running, (await store.GetAsync(running.Id, None))!.Phase);
    }

    [Fact]
    public async Task Claimed_domains_count_as_in_flight_until_they_are_logged()
    {
        var store = new MemoryBatchStore(_time, TimeSpan.FromDays(7));
        var batch = await store.CreateAsync("owner", "t", ["a.nl", "b.nl", "c.nl"], None);
        await store.ClaimAsync(batch.Id, "c1", 2, _time.GetUtcNow().AddMinutes(5), None);
        var running = await store.GetAsync(batch.Id, None);
        Assert.Equal((2L, 1L, 0L), (running!.InFlight, running.Pending, running.Done));
        await store.CompleteAsync(batch.Id, "a.nl", [1], false, None);
        running = await store.GetAsync(batch.Id, None);
        Assert.Equal((1L, 1L, 1L), (running!.InFlight, running.Pending, running.Done));
    }

    [Fact]
    public async Task Reading_after_a_cursor_returns_only_newer_results()
    {
        var store = new MemoryBatchStore(_time, TimeSpan.FromDays(7));
        var batch = await store.CreateAsync("owner", "t", ["a.nl", "b.nl", "c.nl"], None);
        await store.ClaimAsync(batch.Id, "c1", 3, _time.GetUtcNow().AddMinutes(5), None);
        foreach (var name in new[] { "c.nl", "a.nl", "b.nl" })
            await store.CompleteAsync(batch.Id, name, [(byte)name[0]], false, None);
        Assert.Equal([3L], (await store.ReadAsync(batch.Id, 2, 10, None)).Select(r => r.Cursor));
        Assert.Empty(await store.ReadAsync(batch.Id, 3, 10, None));
    }

    [Fact]
    public async Task In_flight_domains_of_a_restarted_owner_or_an_ended_lease_go_back_to_waiting()
    {
        var store = new MemoryBatchStore(_time, TimeSpan.FromDays(7));
        var batch = await store.CreateAsync("owner", "t", ["a.nl", "b.nl", "c.nl"], None);
        await store.ClaimAsync(batch.Id, "c1", 1, _time.GetUtcNow().AddMinutes(5), None);
        await store.ClaimAsync(batch.Id, "c2", 1, _time.GetUtcNow().AddMinutes(1), None);
        await store.ClaimAsync(batch.Id, "c3", 1, _time.GetUtcNow().AddMinutes(5), None);

        Assert.Equal(1, await store.RequeueAsync(batch.Id, "c1", _time.GetUtcNow(), None));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await store.RequeueAsync(batch.Id, null, _time.GetUtcNow(), None));
        Assert.Equal(["a.nl", "b.nl"], await store.ClaimAsync(batch.Id, "c4", 10, _time.GetUtcNow().AddMinutes(5), None));
    }

    [Fact]
    public async Task A_cancelled_batch_takes_no_more_claims_and_logs_nothing_more()
    {
        var store = new MemoryBatchStore(_time, TimeSpan.FromDays(7));
        var batch = await store.CreateAsync("owner", "t", ["a.nl", "b.nl"], None);
        await store.ClaimAsync(batch.Id, "c1", 1, _time.GetUtcNow().AddMinutes(5), None);
        var cancelled = await store.CancelAsync(batch.Id, None);
        Assert.Equal(BatchPhase.Cancelled, cancelled!.Phase);
        Assert.Empty(await store.ClaimAsync(batch.Id, "c1", 10, _time.GetUtcNow().AddMinutes(5), None));
        Assert.False(await store.CompleteAsync(batch.Id, "a.nl", [1], false, None));
        Assert.Null(await store.CancelAsync("no-such-batch", None));
    }

    [Fact]
    public async Task An_owner_lists_only_its_own_batches_newest_first_up_to_the_limit()
    {
        var store = new MemoryBatchStore(_time, TimeSpan.FromDays(7));
        var first = await store.CreateAsync("alice", "one", ["a.nl"], None);
        _time.Advance(TimeSpan.FromSeconds(1));
        await store.CreateAsync("bob", "other", ["b.nl"], None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await store.CreateAsync("alice", "two", ["c.nl"], None);

        Assert.Equal([second.Id, first.Id], (await store.ListAsync("alice", 0, None)).Select(b => b.Id));
        Assert.Equal([second.Id], (await store.ListAsync("alice", 1, None)).Select(b => b.Id));
        Assert.Empty(await store.ListAsync("carol", 0, None));
    }
}
