using System.Diagnostics.CodeAnalysis;

namespace MailScan.Checks.Policy;

/// <summary>What a pure policy parser returns: the parsed value, or the error with its position. Never an exception.</summary>
public sealed record PolicyParseResult<T> where T : class
{
    private PolicyParseResult(T? value, PolicyParseError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The parsed value when the text is valid.</summary>
    public T? Value { get; }

    /// <summary>The first error found when the text is not valid.</summary>
    public PolicyParseError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Value is not null;

    public static PolicyParseResult<T> Ok(T value) => new(value, null);

    public static PolicyParseResult<T> Fail(int position, string reason) => new(null, new PolicyParseError(position, reason));

    public static PolicyParseResult<T> Fail(PolicyParseError error) => new(null, error);
}
