namespace MailScan.Redis.Hosting;

/// <summary>
/// What the connection settings of RabbitMQ and Redis say about credentials: whether a value
/// carries one, and the part of it that may be shown (host and port only), so that no password
/// reaches a log line, an error message or a command line.
/// </summary>
public static class ConnectionSecrets
{
    /// <summary>True when a URL carries a password (user:password@...).</summary>
    public static bool UrlHasPassword(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.UserInfo.Contains(':', StringComparison.Ordinal) : url.Contains('@', StringComparison.Ordinal);

    /// <summary>True when a Redis setting names a user or a password (a URL's user part, or user=/password= options).</summary>
    public static bool RedisHasCredentials(string redis) =>
        IsRedisUrl(redis) ? redis.Contains('@', StringComparison.Ordinal)
            : redis.Split(',').Any(p => p.Trim().StartsWith("password=", StringComparison.OrdinalIgnoreCase) || p.Trim().StartsWith("user=", StringComparison.OrdinalIgnoreCase));

    /// <summary>True for redis:// and rediss:// URLs (else the setting is a StackExchange.Redis configuration).</summary>
    public static bool IsRedisUrl(string redis) =>
        redis.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || redis.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The host and port of a RabbitMQ URL, "?" when it is no URL.</summary>
    public static string RabbitMqEndpoint(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority.Split('@')[^1]}" : "?";

    /// <summary>The first endpoint of a Redis setting, without user, password or any other option.</summary>
    public static string RedisEndpoint(string redis)
    {
        if (IsRedisUrl(redis))
            return Uri.TryCreate(redis, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority.Split('@')[^1]}" : "?";
        return redis.Split(',').Select(p => p.Trim()).FirstOrDefault(p => p.Length > 0 && !p.Contains('=', StringComparison.Ordinal)) ?? "?";
    }
}
