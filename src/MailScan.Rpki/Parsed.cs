namespace MailScan.Rpki;

/// <summary>The result of a total parser: a value, or an error with position and reason (never an exception).</summary>
public sealed record Parsed<T>(T? Value, RpkiParseError? Error) where T : class
{
    /// <summary>Whether the input was read.</summary>
    public bool IsOk => Error is null && Value is not null;

    public static Parsed<T> Ok(T value) => new(value, null);

    public static Parsed<T> Fail(string position, string reason) => new(null, new RpkiParseError(position, reason));
}
