namespace MailScan.Checks.Scanning;

/// <summary>
/// What an immutable record reads from one of its members (evidence parsed from its JSON, facts
/// parsed from certificates), kept beside it so that every domain sharing the record pays the
/// parsing once. Not part of the record's value: any two are equal. A copy made with <c>with</c>
/// shares it, so what is kept is tied to the member it was read from: either the owner makes a
/// new one when that member is set, or it names the member as the source, and a value read from
/// another source is read again. Thread-safe: concurrent first readers may each parse; one result is kept.
/// </summary>
public sealed class ParsedOnce
{
    private Parsed? _parsed;

    /// <summary>The value kept for <typeparamref name="T"/> and this very <paramref name="source"/>, else the one <paramref name="parse"/> makes (null included), kept.</summary>
    public T? Get<T>(Func<T?> parse, object? source = null) where T : class
    {
        if (Volatile.Read(ref _parsed) is { } kept && kept.Type == typeof(T) && ReferenceEquals(kept.Source, source))
            return (T?)kept.Value;
        var value = parse();
        Volatile.Write(ref _parsed, new Parsed(typeof(T), source, value));
        return value;
    }

    public override bool Equals(object? obj) => obj is ParsedOnce;

    public override int GetHashCode() => 0;

    private sealed record Parsed(Type Type, object? Source, object? Value);
}
