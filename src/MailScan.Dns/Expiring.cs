using System.ComponentModel;
using System.Text.Json.Serialization;

namespace MailScan.Dns;

/// <summary>
/// A value with the time (Unix seconds) after which it no longer holds. Immutable, so the cache's
/// local level keeps this very object (no copy per read); the value never leaves the process (see
/// <see cref="LocalCache"/>), so it is not serialised: HybridCache only measures the entry, which
/// then sees the expiry alone.
/// </summary>
[ImmutableObject(true)]
public sealed class Expiring<T>(T value, long expiresUnix)
{
    [JsonIgnore]
    public T Value { get; } = value;

    public long ExpiresUnix { get; } = expiresUnix;
}
