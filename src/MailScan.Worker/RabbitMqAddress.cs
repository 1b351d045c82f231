namespace MailScan.Worker;

/// <summary>
/// Splits a rabbitmq://user:password@host:port/vhost URL (amqp:// alike; rabbitmqs:// or amqps://
/// for TLS, port 5671 by default) into the host address, the credentials and whether TLS is on.
/// </summary>
public static class RabbitMqAddress
{
    public static (Uri Host, string User, string Password, bool Tls) Parse(string url)
    {
        var uri = new Uri(url);
        var tls = uri.Scheme is "rabbitmqs" or "amqps";
        var userInfo = Uri.UnescapeDataString(uri.UserInfo);
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var (user, password) = userInfo.Length == 0 ? ("guest", "guest")
            : colon < 0 ? (userInfo, string.Empty) : (userInfo[..colon], userInfo[(colon + 1)..]);
        var host = new UriBuilder(tls ? "rabbitmqs" : "rabbitmq", uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (tls ? 5671 : 5672) : uri.Port, uri.AbsolutePath).Uri;
        return (host, user, password, tls);
    }
}
