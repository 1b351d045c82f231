using System.Diagnostics.CodeAnalysis;

namespace MailScan.Parsing;

/// <summary>
/// What a total parser of untrusted input returns: the value, or the first error with where it
/// is and why, never an exception. The error type says how a parser names a place: a character
/// offset in a policy record, a line or a byte in an RPKI file.
/// </summary>
public sealed record Parsed<T, TError>
    where T : class
    where TError : class
{
    private Parsed(T? value, TError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when the input was read.</summary>
    public T? Value { get; }

    /// <summary>The first error when it was not.</summary>
    public TError? Error { get; }

    /// <summary>Whether the input was read.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Value is not null;

    public static Parsed<T, TError> Ok(T value) => new(value, null);

    public static Parsed<T, TError> Fail(TError error) => new(null, error);

    /// <summary>The value and the error as a pair: <c>var (hello, error) = parser.Parse(...)</c>.</summary>
    public void Deconstruct(out T? value, out TError? error) => (value, error) = (Value, Error);
}
