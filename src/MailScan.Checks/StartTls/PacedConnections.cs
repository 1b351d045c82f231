using System.Net;
using MailScan.Checks.Options;
using MailScan.Checks.Politeness;

namespace MailScan.Checks.StartTls;

/// <summary>
/// The connections of one address's evaluation. Each passes the connection gate; a put-off is
/// reported to the gate (which learns the address's pace) and the same step is tried again after
/// the gate's wait, so nothing already measured is asked again. The evaluation's time allowance is
/// the probe's time for an ordinary server, and <c>Smtp:StrictServerBudget</c> once the server has
/// shown itself strict: it put a client off, it delayed its greeting (postscreen's pregreet wait,
/// <see cref="NoteGreeting"/>), or the spacing it taught earlier (another domain on it, another
/// worker) holds the next connection that long.
/// </summary>
internal sealed class PacedConnections(IConnectionGate gate, IPAddress address, SmtpOptions smtp, TimeSpan probeTime, TimeProvider time)
{
    /// <summary>A greeting that takes this long, or a learnt spacing that holds the next connection this long, marks the server as strict.</summary>
    internal static readonly TimeSpan SlowConnection = TimeSpan.FromSeconds(3);

    private readonly long _started = time.GetTimestamp();

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

    /// <remarks>The budget replaces the probe's time for a strict server, even when it is shorter (a quick interactive scan, the lab).</remarks>
    private TimeSpan Allowance => Strict ? smtp.StrictServerBudget : probeTime;

    private TimeSpan Elapsed => time.GetElapsedTime(_started);

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
            await using (await gate.AcquireAsync(address, cancellationToken).ConfigureAwait(false))
                result = await connect(cancellationToken).ConfigureAwait(false);
            var how = take(result);
            if (how == ConnectionTake.Silent && Greeted > 0)
                how = ConnectionTake.PutOff;
            switch (how)
            {
                case ConnectionTake.Greeted:
                    Greeted++;
                    var next = await gate.ReportAsync(address, ServerAnswer.Accepted, cancellationToken).ConfigureAwait(false);
                    Strict |= next >= SlowConnection;
                    return result;
                case ConnectionTake.PutOff:
                    PutOffs++;
                    Strict = true;
                    var wait = await gate.ReportAsync(address, ServerAnswer.PutOff, cancellationToken).ConfigureAwait(false);
                    if (Elapsed + wait >= Allowance)
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

    /// <summary>Takes in how long a server took to greet on one connection: a delayed greeting on every connection (postscreen) needs the strict budget.</summary>
    public void NoteGreeting(TimeSpan delay) => Strict |= delay >= SlowConnection;

    /// <summary>Marks the allowance as spent (or returns why it is) before a step that needs a connection.</summary>
    public string? Check()
    {
        if (Spent is null && Elapsed >= Allowance)
            Spent = SpentReason();
        return Spent;
    }

    private string SpentReason() => Strict
        ? $"the strict server's time budget ({Seconds(Allowance)}) ran out after {Count} connections ({PutOffs} put off with a 4xx or a refused connection)"
        : $"the probe's time ({Seconds(Allowance)}) ran out after {Count} connections";

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0} s";
}
