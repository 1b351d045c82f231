using System.Net;
using MailScan.Checks.Options;
using MailScan.Politeness;
using MailScan.Checks.Scanning;

namespace MailScan.Checks.StartTls;

/// <summary>
/// The connections of one address's evaluation. Each passes the connection gate; a put-off is
/// reported to the gate (which learns the address's pace) and the same step is tried again after
/// the gate's wait, so nothing already measured is asked again. The evaluation's time allowance is
/// the probe's time for an ordinary server. Once the server has shown itself strict (it put a
/// client off, it delayed its greeting as postscreen's pregreet wait does, <see cref="NoteGreeting"/>,
/// or the spacing it taught earlier holds the next connection that long) the allowance follows
/// what the server demands: what each connection costs (its slowest greeting or its spacing)
/// times the connections still needed, never past <c>Smtp:StrictServerBudget</c>; the gate is
/// told (<see cref="IConnectionGate.MarkStrictAsync"/>) so that a batch can tell who waits on it.
/// A budget of zero keeps the single retry Internet.nl makes: a put-off is tried again once after
/// <c>Smtp:RetryDelay</c>, the next one ends the evaluation, and the probe's time is the allowance.
/// </summary>
internal sealed class PacedConnections(IConnectionGate gate, IPAddress address, SmtpOptions smtp, TimeSpan probeTime, TimeProvider time)
{
    /// <summary>A greeting that takes this long, or a learnt spacing that holds the next connection this long, marks the server as strict.</summary>
    internal static readonly TimeSpan SlowConnection = TimeSpan.FromSeconds(3);

    private readonly long _started = time.GetTimestamp();
    private TimeSpan _slowestGreeting;
    private TimeSpan _spacing;
    private bool _marked;

    /// <summary>The most greeted connections the evaluation may make (<c>Tls:MaxConnectionsPerIp</c>).</summary>
    public int MaxGreeted { get; init; } = new TlsOptions().MaxConnectionsPerIp;

    /// <summary>The process's work slots: a strict server's evaluation gives its slot up while it waits for the gate; null holds it.</summary>
    public ProbeWorkSlots? Slots { get; init; }

    /// <summary>Connections opened, put-offs included.</summary>
    public int Count { get; private set; }

    /// <summary>Connections the server greeted.</summary>
    public int Greeted { get; private set; }

    /// <summary>Connections the server put off.</summary>
    public int PutOffs { get; private set; }

    /// <summary>The server put a client off or greets slowly: the allowance is the strict-server budget.</summary>
    public bool Strict { get; private set; }

    /// <summary>Why the evaluation stopped opening connections before it was done; null while the allowance lasts.</summary>
    public string? Spent { get; private set; }

    /// <summary>What one more connection costs the evaluation: the server's slowest greeting or the spacing it holds us to.</summary>
    public TimeSpan PerConnection => Max(Max(_slowestGreeting, _spacing), smtp.MinConnectionSpacing);

    /// <summary>The greeted connections the evaluation may still make.</summary>
    private int Remaining => Math.Max(1, MaxGreeted - Greeted);

    /// <summary>
    /// The time the evaluation may take, with <paramref name="pending"/> still to wait before the next
    /// connection: the probe's time for an ordinary server; for a strict one what the rest costs at
    /// the server's pace, bounded by the budget (which replaces the probe's time even when it is shorter).
    /// </summary>
    private TimeSpan Allowance(TimeSpan pending) => !Strict || SingleRetry ? probeTime
        : Min(smtp.StrictServerBudget, Max(probeTime, Elapsed + pending + PerConnection * Remaining));

    /// <summary>How many more greeted connections fit in what is left of the budget at the server's pace (all it may make while it is not strict).</summary>
    public int Affordable => !Strict || SingleRetry ? Remaining
        : Math.Clamp((int)((smtp.StrictServerBudget - Elapsed) / PerConnection), 1, Remaining);

    private TimeSpan Elapsed => time.GetElapsedTime(_started);

    /// <summary>No strict-server budget: one retry after a put-off, as Internet.nl does.</summary>
    private bool SingleRetry => smtp.StrictServerBudget == TimeSpan.Zero;

    /// <summary>
    /// Opens connections for one step until the server answers it, it puts us off beyond the allowance,
    /// or it stays silent a few times; <paramref name="spent"/> stands in when no connection may start.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> connect, Func<T, ConnectionTake> take, Func<string, T> spent, CancellationToken cancellationToken)
    {
        var silent = 0;
        while (true)
        {
            if (Check() is { } why)
                return spent(why);
            Count++;
            T result;
            await using (await AcquireAsync(cancellationToken).ConfigureAwait(false))
                result = await connect(cancellationToken).ConfigureAwait(false);
            var how = take(result);
            if (how == ConnectionTake.Silent && Greeted > 0)
                how = ConnectionTake.PutOff;
            switch (how)
            {
                case ConnectionTake.Greeted:
                    Greeted++;
                    _spacing = await gate.ReportAsync(address, ServerAnswer.Accepted, cancellationToken).ConfigureAwait(false);
                    Strict |= _spacing >= SlowConnection;
                    await MarkStrictAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                case ConnectionTake.PutOff:
                    PutOffs++;
                    Strict = true;
                    var wait = await gate.ReportAsync(address, ServerAnswer.PutOff, cancellationToken).ConfigureAwait(false);
                    await MarkStrictAsync(cancellationToken).ConfigureAwait(false);
                    if (SingleRetry ? PutOffs > 1 : Elapsed + wait >= Allowance(wait))
                    {
                        Spent = SpentReason();
                        return result;
                    }
                    break;
                case ConnectionTake.Silent when silent < smtp.TemporaryFailureRetries:
                    await Task.Delay(smtp.RetryDelay * (1 << silent++), time, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    return result;
            }
        }
    }

    /// <summary>The gate's lease for the next connection; a strict server's wait (its spacing, a retry) is waited away from the work slot.</summary>
    private ValueTask<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken) => Strict && Slots is { } slots
        ? slots.WaitAwayAsync(() => gate.AcquireAsync(address, cancellationToken), cancellationToken)
        : gate.AcquireAsync(address, cancellationToken);

    /// <summary>Takes in how long a server took to greet on one connection: a delayed greeting on every connection (postscreen) needs the strict budget.</summary>
    public void NoteGreeting(TimeSpan delay)
    {
        _slowestGreeting = Max(_slowestGreeting, delay);
        Strict |= delay >= SlowConnection;
    }

    /// <summary>Marks the allowance as spent (or returns why it is) before a step that needs a connection.</summary>
    public string? Check()
    {
        if (Spent is null && Elapsed >= Allowance(TimeSpan.Zero))
            Spent = SpentReason();
        return Spent;
    }

    /// <summary>For a strict server: what made it strict and what its evaluation cost; null for an ordinary one.</summary>
    public StrictServerNote? StrictNote() => !Strict ? null
        : new(PutOffs, Math.Round(_slowestGreeting.TotalSeconds, 1), Math.Round(_spacing.TotalSeconds, 1), Count, Math.Round(Elapsed.TotalSeconds), smtp.StrictServerBudget.TotalSeconds);

    /// <summary>Tells the gate once that the address is strict, so a batch knows whose domains wait on it.</summary>
    private async Task MarkStrictAsync(CancellationToken cancellationToken)
    {
        if (!Strict || _marked)
            return;
        _marked = true;
        await gate.MarkStrictAsync(address, cancellationToken).ConfigureAwait(false);
    }

    private string SpentReason() => Strict && SingleRetry
        ? $"the server put us off again after one retry ({PutOffs} put off in {StrictServerNote.Count(Count, "connection")}; Smtp:StrictServerBudget is 0, so strict servers are not waited out)"
        : Strict
        ? $"the strict server's time budget ({Seconds(smtp.StrictServerBudget)}) ran out after {StrictServerNote.Count(Count, "connection")} ({PutOffs} put off with a 4xx or a refused connection)"
        : $"the probe's time ({Seconds(probeTime)}) ran out after {StrictServerNote.Count(Count, "connection")}";

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0} s";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
