using MailScan.Rpki;
using MailScan.Rpki.Rtr;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using static MailScan.Rpki.Tests.Rtr.ScriptedCache;

namespace MailScan.Rpki.Tests.Rtr;

/// <summary>The client's state machine (RFC 8210 §8) against scripted caches: deltas, cache reset, errors, versions, expiry.</summary>
public sealed class RtrClientTests
{
    private static readonly Vrp A = V("192.0.2.0/24", 24, 64496);
    private static readonly Vrp B = V("2001:db8::/32", 48, 64497);
    private static readonly Vrp C = V("198.51.100.0/22", 24, 64498);

    private static RtrClient Client(ScriptedCache cache, byte version = 1) =>
        new(cache.Endpoint, version, TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger.Instance);

    [Fact]
    public async Task A_serial_query_applies_the_delta_to_the_set_of_the_reset()
    {
        await using var cache = new ScriptedCache(async c =>
        {
            await c.ExpectAsync(RtrPduType.ResetQuery);
            await c.AnswerAsync(7, 1, [(true, A), (true, B)]);
            var query = await c.ExpectAsync(RtrPduType.SerialQuery);
            Assert.Equal((7, 1u), (query.SessionId, query.Serial));
            await c.AnswerAsync(7, 2, [(false, A), (true, C)]);
            await c.DrainAsync();
        });
        await using var client = Client(cache);

        var reset = await client.SyncAsync(CancellationToken.None);
        Assert.Equal(new RtrSyncResult(RtrSyncKind.Reset, 2, 0, 7, 1, 1, 2), reset);
        var delta = await client.SyncAsync(CancellationToken.None);
        Assert.Equal(new RtrSyncResult(RtrSyncKind.Incremental, 1, 1, 7, 2, 1, 2), delta);
        Assert.Equal(new HashSet<Vrp> { B, C }, client.Vrps.ToHashSet());
    }

    [Fact]
    public async Task A_cache_reset_answer_makes_the_client_fetch_everything_again()
    {
        await using var cache = new ScriptedCache(async c =>
        {
            await c.ExpectAsync(RtrPduType.ResetQuery);
            await c.AnswerAsync(7, 1, [(true, A)]);
            await c.ExpectAsync(RtrPduType.SerialQuery);
            await c.SendAsync(new RtrPdu(1, RtrPduType.CacheReset));
            await c.ExpectAsync(RtrPduType.ResetQuery);
            await c.AnswerAsync(8, 1, [(true, C)]);
            await c.DrainAsync();
        });
        await using var client = Client(cache);
        await client.SyncAsync(CancellationToken.None);
        var result = await client.SyncAsync(CancellationToken.None);
        Assert.Equal(RtrSyncKind.Reset, result.Kind);
        Assert.Equal((ushort)8, result.SessionId);
        Assert.Equal([C], client.Vrps);
    }

    [Fact]
    public async Task Withdrawing_an_unknown_vrp_is_reported_to_the_cache_and_the_next_sync_is_a_reset()
    {
        await using var cache = new ScriptedCache(
            async c =>
            {
                await c.ExpectAsync(RtrPduType.ResetQuery);
                await c.AnswerAsync(7, 1, [(true, A)]);
                await c.ExpectAsync(RtrPduType.SerialQuery);
                await c.AnswerAsync(7, 2, [(false, C)]);
                await c.DrainAsync();
            },
            async c =>
            {
                await c.ExpectAsync(RtrPduType.ResetQuery);
                await c.AnswerAsync(7, 2, [(true, B)]);
                await c.DrainAsync();
            });
        await using var client = Client(cache);
        await client.SyncAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<RtrException>(() => client.SyncAsync(CancellationToken.None));
        Assert.Contains("never announced", error.Message);
        Assert.Equal([A], client.Vrps);
        var result = await client.SyncAsync(CancellationToken.None);
        Assert.Equal(RtrSyncKind.Reset, result.Kind);
        Assert.Contains(cache.Received, p => p.Type == RtrPduType.ErrorReport && p.ErrorCode == RtrErrorCode.WithdrawalOfUnknownRecord);
    }

    [Fact]
    public async Task A_duplicate_announcement_is_refused()
    {
        await using var cache = new ScriptedCache(async c =>
        {
            await c.ExpectAsync(RtrPduType.ResetQuery);
            await c.AnswerAsync(7, 1, [(true, A), (true, A)]);
            await c.DrainAsync();
        });
        await using var client = Client(cache);
        var error = await Assert.ThrowsAsync<RtrException>(() => client.SyncAsync(CancellationToken.None));
        Assert.Contains("twice", error.Message);
        Assert.Empty(client.Vrps);
    }

    [Fact]
    public async Task A_cache_that_speaks_only_version_0_is_followed_down()
    {
        await using var cache = new ScriptedCache(
            async c =>
            {
                await c.ExpectAsync(RtrPduType.ResetQuery, version: 1);
                await c.SendAsync(new RtrPdu(0, RtrPduType.ErrorReport) { ErrorCode = RtrErrorCode.UnsupportedProtocolVersion, ErrorText = "v0 only" });
            },
            async c =>
            {
                await c.ExpectAsync(RtrPduType.ResetQuery, version: 0);
                await c.AnswerAsync(3, 9, [(true, A)], version: 0);
                await c.DrainAsync();
            });
        await using var client = Client(cache);
        var result = await client.SyncAsync(CancellationToken.None);
        Assert.Equal((byte)0, result.Version);
        Assert.Equal(RtrTimers.Default, client.Timers);
        Assert.Equal([A], client.Vrps);
    }

    [Fact]
    public async Task A_cache_without_data_is_an_error_not_an_empty_set()
    {
        await using var cache = new ScriptedCache(async c =>
        {
            await c.ExpectAsync(RtrPduType.ResetQuery);
            await c.SendAsync(new RtrPdu(1, RtrPduType.ErrorReport) { ErrorCode = RtrErrorCode.NoDataAvailable });
            await c.DrainAsync();
        });
        await using var client = Client(cache);
        var error = await Assert.ThrowsAsync<RtrException>(() => client.SyncAsync(CancellationToken.None));
        Assert.Contains("no data", error.Message);
        Assert.DoesNotContain(cache.Received, p => p.Type == RtrPduType.ErrorReport);
    }

    [Fact]
    public async Task A_serial_notify_wakes_the_waiting_client_and_the_timers_come_from_end_of_data()
    {
        var timers = new RtrTimers(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(900));
        await using var cache = new ScriptedCache(async c =>
        {
            await c.ExpectAsync(RtrPduType.ResetQuery);
            await c.AnswerAsync(7, 1, [(true, A)], timers: timers);
            await c.SendAsync(new RtrPdu(1, RtrPduType.SerialNotify) { SessionId = 7, Serial = 2 });
            await c.DrainAsync();
        });
        await using var client = Client(cache);
        await client.SyncAsync(CancellationToken.None);
        Assert.Equal(timers, client.Timers);
        Assert.True(await client.WaitForNotifyAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    [Fact]
    public async Task Data_not_refreshed_within_the_expire_interval_is_withdrawn()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var timers = new RtrTimers(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(600));
        await using var cache = new ScriptedCache(async c =>
        {
            await c.ExpectAsync(RtrPduType.ResetQuery);
            await c.AnswerAsync(7, 1, [(true, A)], timers: timers);
        });
        var source = new RtrVrpSource(cache.Endpoint, 1, TimeSpan.FromSeconds(10), time, NullLogger<RtrVrpSource>.Instance);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var updates = new List<VrpSourceUpdate>();
        await foreach (var update in source.WatchAsync(stop.Token))
        {
            updates.Add(update);
            if (update.Expired)
                break;
            if (update.Error is not null)
            {
                cache.Close();
                _ = AdvanceUntilAsync(time, () => updates.Any(u => u.Expired), stop.Token);
            }
        }
        Assert.Equal([A], updates[0].Set!.All());
        Assert.Equal((ushort)7, (ushort)updates[0].Set!.Info.RtrSession!);
        Assert.Null(updates[1].Set);
        Assert.False(updates[1].Expired);
        Assert.True(updates[^1].Expired);
        Assert.Contains("no update for 600 s", updates[^1].Error);
    }

    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done, CancellationToken cancellationToken)
    {
        while (!done() && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(10));
        }
    }
}
