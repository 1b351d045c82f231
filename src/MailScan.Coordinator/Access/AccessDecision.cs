namespace MailScan.Coordinator.Access;

/// <summary>What the door said to a call: let in (with its key, null when the API is open), or refused with the reason to show the caller.</summary>
/// <remarks><see cref="RetryAfter"/> is when a rate-limited key has a call again (zero otherwise).</remarks>
public sealed record AccessDecision(ApiKey? Key, AccessRefusal Refusal, string Message, TimeSpan RetryAfter = default)
{
    public bool Allowed => Refusal == AccessRefusal.None;

    public static AccessDecision Admit(ApiKey? key) => new(key, AccessRefusal.None, string.Empty);
}

/// <summary>Why a call was refused: no key or an unknown one, or a known key over its request rate.</summary>
public enum AccessRefusal
{
    None,
    Unauthenticated,
    RateLimited,
}
