namespace MailScan.Politeness;

/// <summary>
/// What the scanner has learnt about how often one mail server address lets a client connect:
/// the spacing between connection starts, the wait before the next try after it put a client off,
/// and the connections it accepted since it last did. Pure: the connection gates keep one per
/// address (in memory or in Redis) and move it with <see cref="After"/>.
/// </summary>
/// <remarks>
/// A put-off after accepted connections is a rate limit (Postfix's anvil, a gateway's per-client
/// limit): N connections were allowed in a window that the wait before the successful retry
/// outlasted, so N starts spread over that wait stay within it, and the address keeps that spacing.
/// A put-off before any accepted connection (greylisting, a busy server) only delays the retry.
/// </remarks>
public sealed record AddressPace(TimeSpan Spacing, TimeSpan RetryWait, int AcceptedInRun, int PutOffsInRow)
{
    /// <summary>An address nothing is known about: the configured spacing.</summary>
    public static AddressPace Initial(PaceLimits limits) => new(limits.MinSpacing, TimeSpan.Zero, 0, 0);

    /// <summary>How long an untaught address's run of accepted connections is remembered, so that a put-off later in an evaluation is read as a rate limit.</summary>
    public static readonly TimeSpan RunMemory = TimeSpan.FromMinutes(10);

    /// <summary>Whether the address taught more than the configured spacing.</summary>
    public bool Learnt(PaceLimits limits) => Spacing > limits.MinSpacing || PutOffsInRow > 0;

    /// <summary>How long after its last use the pace is worth keeping: a learnt one for <paramref name="learntLifetime"/>, a run of accepted connections for <see cref="RunMemory"/>, nothing else.</summary>
    public TimeSpan KeepFor(PaceLimits limits, TimeSpan learntLifetime) =>
        Learnt(limits) ? learntLifetime : AcceptedInRun > 0 ? RunMemory : TimeSpan.Zero;

    /// <summary>The pace after the server took one connection as <paramref name="answer"/>.</summary>
    public AddressPace After(ServerAnswer answer, PaceLimits limits) => answer switch
    {
        ServerAnswer.PutOff => PutOff(limits),
        _ => Accepted(limits),
    };

    private AddressPace Accepted(PaceLimits limits)
    {
        if (PutOffsInRow == 0)
            return this with { AcceptedInRun = AcceptedInRun + 1 };
        var spacing = AcceptedInRun == 0
            ? Spacing
            : Clamp(Max(Spacing * 2, RetryWait / AcceptedInRun), limits);
        return new AddressPace(spacing, RetryWait, 1, 0);
    }

    private AddressPace PutOff(PaceLimits limits)
    {
        var wait = PutOffsInRow == 0 ? Max(limits.RetryDelay, Spacing * 2) : RetryWait * 2;
        return this with { RetryWait = Clamp(wait, limits), PutOffsInRow = PutOffsInRow + 1 };
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Clamp(TimeSpan value, PaceLimits limits) =>
        value > limits.MaxSpacing ? limits.MaxSpacing : value < limits.MinSpacing ? limits.MinSpacing : value;
}
