namespace MailScan.Checks.Scanning;

/// <summary>
/// What an immutable record reads from one of its members (evidence parsed from its JSON, facts
/// parsed from certificates), kept beside it so that every domain sharing the record pays the
/// parsing once. Not part of the record's value: any two are equal. The owner makes a new one
/// when the member it is read from is set (a copy made with <c>with</c> another value must not
/// keep the old one's). Thread-safe: concurrent first readers may each parse; one result is kept.
/// </summary>
public sealed class ParsedOnce
{
    private Parsed? _parsed;

    /// <summary>The value kept for <typeparamref name="T"/>, else the one <paramref name="parse"/> makes (null included), kept.</summary>
    public T? Get<T>(Func<T?> parse) where T : class
    {
        if (Volatile.Read(ref _parsed) is { } kept && kept.Type == typeof(T))
            return (T?)kept.Value;
        var value = parse();
        Volatile.Write(ref _parsed, new Parsed(typeof(T), value));
        return value;
    }

    public override bool Equals(object? obj) => obj is ParsedOnce;

    public override int GetHashCode() => 0;

    private sealed record Parsed(Type Type, object? Value);
}
