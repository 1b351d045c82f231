using MailScan.Redis.Hosting;
using MailScan.Tls;
using StackExchange.Redis;

namespace MailScan.Redis;

/// <summary>
/// Cluster:Redis as StackExchange.Redis options: either its own configuration string
/// (host:port,user=...,password=...,ssl=true) or a URL, redis://USER:PASSWORD@HOST:PORT/DB or
/// rediss:// for TLS; Cluster:RedisCaFile replaces the system's roots for Redis's certificate.
/// </summary>
public static class RedisConnectionSettings
{
    public static ConfigurationOptions From(ClusterOptions cluster)
    {
        var text = cluster.Redis ?? throw new InvalidOperationException("Cluster:Redis is not set");
        var configuration = ConnectionSecrets.IsRedisUrl(text) ? FromUrl(new Uri(text)) : ConfigurationOptions.Parse(text);
        if (!string.IsNullOrWhiteSpace(cluster.RedisCaFile))
        {
            var trust = PrivateCaTrust.Load(cluster.RedisCaFile);
            configuration.CertificateValidation += (_, certificate, _, errors) => trust.ValidServer(certificate, errors);
        }
        return configuration;
    }

    private static ConfigurationOptions FromUrl(Uri url)
    {
        var configuration = new ConfigurationOptions { Ssl = url.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) };
        configuration.EndPoints.Add(url.Host.Trim('[', ']'), url.IsDefaultPort || url.Port < 0 ? 6379 : url.Port);
        if (configuration.Ssl)
            configuration.SslHost = url.Host.Trim('[', ']');
        var userInfo = Uri.UnescapeDataString(url.UserInfo);
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        // redis://:PASSWORD@host is Redis's default user with a password (requirepass).
        (configuration.User, configuration.Password) = colon < 0
            ? (userInfo.Length == 0 ? null : userInfo, null)
            : (colon == 0 ? null : userInfo[..colon], userInfo[(colon + 1)..]);
        if (url.AbsolutePath.Trim('/') is { Length: > 0 } database && int.TryParse(database, out var number))
            configuration.DefaultDatabase = number;
        return configuration;
    }
}
