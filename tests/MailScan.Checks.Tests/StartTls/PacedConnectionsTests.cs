using System.Net;
using MailScan.Checks.Options;
using MailScan.Checks.StartTls;
using MailScan.Politeness;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Checks.Tests.StartTls;

public sealed class PacedConnectionsTests
{
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.25");

    /// <summary>Postfix's anvil as it counts: per client, a window of whole seconds from its first connection; every attempt counts, the rejected ones too.</summary>
    private sealed class AnvilServer(int limit, int unitSeconds)
    {
        private long? _windowStart;
        private int _rate;

        public int Rejected { get; private set; }

        public bool Connect(DateTimeOffset now)
        {
            var second = now.ToUnixTimeSeconds();
            if (_windowStart is not { } start || second - start >= unitSeconds)
            {
                _windowStart = second;
                _rate = 0;
            }
            if (++_rate <= limit)
                return true;
            Rejected++;
            return false;
        }
    }

    private static (SmtpOptions Smtp, LocalConnectionGate Gate, FakeTimeProvider Time) Setup(TimeSpan budget)
    {
        var options = new MailScanOptions();
        options.Smtp.MinConnectionSpacing = TimeSpan.FromMilliseconds(500);
        options.Smtp.RetryDelay = TimeSpan.FromSeconds(10);
        options.Smtp.MaxConnectionsPerSecond = 0;
        options.Smtp.StrictServerBudget = budget;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, 300, TimeSpan.Zero));
        return (options.Smtp, new LocalConnectionGate(Microsoft.Extensions.Options.Options.Create<ConnectionGateOptions>(options.Smtp), time), time);
    }

    /// <summary>Moves the fake clock on in small steps until the work is done, letting continuations run between steps.</summary>
    private static async Task<T> PumpAsync<T>(FakeTimeProvider time, Task<T> work)
    {
        while (!work.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }
        return await work;
    }

    private static async Task<int> EvaluateAsync(PacedConnections paced, Func<Task<bool>> connect, int steps)
    {
        var greeted = 0;
        for (var i = 0; i < steps; i++)
        {
            if (await paced.RunAsync(_ => connect(), ok => ok ? ConnectionTake.Greeted : ConnectionTake.PutOff, _ => false, CancellationToken.None))
                greeted++;
        }
        return greeted;
    }

    [Fact]
    public async Task A_rate_limited_server_is_evaluated_completely_with_at_most_two_rejections()
    {
        var (smtp, gate, time) = Setup(TimeSpan.FromMinutes(15));
        var server = new AnvilServer(limit: 2, unitSeconds: 10);
        var paced = new PacedConnections(gate, Address, smtp, TimeSpan.FromSeconds(90), time);

        var greeted = await PumpAsync(time, EvaluateAsync(paced, () => Task.FromResult(server.Connect(time.GetUtcNow())), steps: 16));

        Assert.Equal(16, greeted);
        Assert.InRange(server.Rejected, 1, 2);
        Assert.Equal(server.Rejected, paced.PutOffs);
        Assert.Equal(16 + server.Rejected, paced.Count);
        Assert.True(paced.Strict);
        Assert.Null(paced.Spent);
    }

    [Fact]
    public async Task A_second_evaluation_of_the_server_uses_the_learnt_spacing_and_is_not_rejected()
    {
        var (smtp, gate, time) = Setup(TimeSpan.FromMinutes(15));
        var server = new AnvilServer(limit: 2, unitSeconds: 10);
        Task<bool> Connect() => Task.FromResult(server.Connect(time.GetUtcNow()));
        await PumpAsync(time, EvaluateAsync(new PacedConnections(gate, Address, smtp, TimeSpan.FromSeconds(90), time), Connect, steps: 16));
        var rejectedFirst = server.Rejected;

        var second = new PacedConnections(gate, Address, smtp, TimeSpan.FromSeconds(90), time);
        var greeted = await PumpAsync(time, EvaluateAsync(second, Connect, steps: 16));

        Assert.Equal(16, greeted);
        Assert.Equal(rejectedFirst, server.Rejected);
        Assert.Equal(0, second.PutOffs);
    }

    [Fact]
    public async Task A_server_that_never_lets_us_in_stops_the_evaluation_when_the_budget_is_spent()
    {
        var (smtp, gate, time) = Setup(TimeSpan.FromMinutes(1));
        var paced = new PacedConnections(gate, Address, smtp, TimeSpan.FromSeconds(30), time);

        var greeted = await PumpAsync(time, EvaluateAsync(paced, () => Task.FromResult(false), steps: 3));

        Assert.Equal(0, greeted);
        // Tries at 0, 10 and 30 s; the next wait (40 s) would end past the minute, so it stops there and asks nothing more.
        Assert.Equal(3, paced.Count);
        Assert.Contains("strict server's time budget (60 s) ran out after 3 connections (3 put off", paced.Spent);
    }

    [Fact]
    public async Task A_greylisting_server_is_waited_out_and_then_evaluated_at_the_usual_pace()
    {
        var (smtp, gate, time) = Setup(TimeSpan.FromMinutes(15));
        var opens = time.GetUtcNow() + TimeSpan.FromMinutes(2);
        var paced = new PacedConnections(gate, Address, smtp, TimeSpan.FromSeconds(90), time);

        var greeted = await PumpAsync(time, EvaluateAsync(paced, () => Task.FromResult(time.GetUtcNow() >= opens), steps: 10));

        Assert.Equal(10, greeted);
        Assert.Equal(4, paced.PutOffs); // put off at 0, 10, 30 and 70 s; greeted at 150 s
        Assert.Null(paced.Spent);
    }

    [Fact]
    public async Task A_server_that_greets_slowly_gets_the_strict_budget_instead_of_the_probe_time()
    {
        var (smtp, gate, time) = Setup(TimeSpan.FromMinutes(5));
        var paced = new PacedConnections(gate, Address, smtp, TimeSpan.FromSeconds(30), time);

        var greeted = await PumpAsync(time, EvaluateAsync(paced, async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(8), time);
            paced.NoteGreeting(TimeSpan.FromSeconds(8));
            return true;
        }, steps: 12));

        Assert.Equal(12, greeted);
        Assert.True(paced.Strict);
        Assert.Equal(0, paced.PutOffs);
    }

    [Fact]
    public async Task A_server_that_greets_at_once_is_held_to_the_probe_time_however_long_its_connections()
    {
        var (smtp, gate, time) = Setup(TimeSpan.FromMinutes(5));
        var paced = new PacedConnections(gate, Address, smtp, TimeSpan.FromSeconds(30), time);

        var greeted = await PumpAsync(time, EvaluateAsync(paced, async () =>
        {
            paced.NoteGreeting(TimeSpan.FromMilliseconds(20));
            await Task.Delay(TimeSpan.FromSeconds(2), time);
            return true;
        }, steps: 30));

        // Two seconds a connection: about fifteen fit in the thirty seconds.
        Assert.InRange(greeted, 13, 16);
        Assert.False(paced.Strict);
        Assert.Contains("the probe's time (30 s) ran out", paced.Spent);
    }

    [Fact]
    public async Task A_slow_greeting_is_noted_in_the_gate_and_the_connections_left_are_those_its_pace_fits_in_the_budget()
    {
        var (smtp, gate, time) = Setup(TimeSpan.FromMinutes(1));
        var paced = new PacedConnections(gate, Address, smtp, TimeSpan.FromSeconds(30), time) { MaxGreeted = 25 };
        Assert.Equal(25, paced.Affordable);
        Assert.False(await gate.AnyStrictAsync([Address], CancellationToken.None));

        var greeted = await PumpAsync(time, EvaluateAsync(paced, async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(8), time);
            paced.NoteGreeting(TimeSpan.FromSeconds(8));
            return true;
        }, steps: 2));

        Assert.Equal(2, greeted);
        Assert.True(await gate.AnyStrictAsync([Address], CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(8), paced.PerConnection);
        // About 16 s spent of 60: five more 8-second greetings fit, not the 23 connections still allowed.
        Assert.InRange(paced.Affordable, 5, 5);
        var note = paced.StrictNote()!;
        Assert.Equal("a greeting after up to 8.0 s", note.Why);
        Assert.Equal((2, 16d, 60d), (note.Connections, note.Seconds, note.BudgetSeconds));
    }

    [Fact]
    public async Task An_ordinary_server_is_neither_marked_strict_nor_given_a_note()
    {
        var (smtp, gate, time) = Setup(TimeSpan.FromMinutes(1));
        var paced = new PacedConnections(gate, Address, smtp, TimeSpan.FromSeconds(30), time);

        await PumpAsync(time, EvaluateAsync(paced, () => Task.FromResult(true), steps: 3));

        Assert.False(await gate.AnyStrictAsync([Address], CancellationToken.None));
        Assert.Null(paced.StrictNote());
    }

    [Fact]
    public async Task Without_a_budget_a_put_off_is_retried_once_and_the_second_ends_the_evaluation()
    {
        var (smtp, gate, time) = Setup(TimeSpan.Zero);
        var opens = time.GetUtcNow() + TimeSpan.FromMinutes(2);
        var paced = new PacedConnections(gate, Address, smtp, TimeSpan.FromSeconds(90), time);

        var greeted = await PumpAsync(time, EvaluateAsync(paced, () => Task.FromResult(time.GetUtcNow() >= opens), steps: 10));

        // The greylisting server that a budget waits out (above) is given up after the retry 10 s later.
        Assert.Equal(0, greeted);
        Assert.Equal(2, paced.Count);
        Assert.Equal(2, paced.PutOffs);
        Assert.Contains("put us off again after one retry", paced.Spent);
    }
}
