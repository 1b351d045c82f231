namespace MailScan.Redis.Notices;

/// <summary>What one look at shared state found: done with a value, or how to wait before the next look.</summary>
public readonly record struct WaitStep<T>
{
    private WaitStep(bool done, T? value, TimeSpan? pause) => (Done, Value, Pause) = (done, value, pause);

    public bool Done { get; }

    public T? Value { get; }

    /// <summary>A known time to wait (no notice can end it sooner); null: until a notice or the slow check.</summary>
    public TimeSpan? Pause { get; }

    public static WaitStep<T> Finished(T value) => new(true, value, null);

    /// <summary>Look again when a notice for the key comes (or after the source's slow check).</summary>
    public static WaitStep<T> UntilNotice() => new(false, default, null);

    /// <summary>Look again after this long: the state says when, a notice would not change it.</summary>
    public static WaitStep<T> After(TimeSpan pause) => new(false, default, pause);
}
