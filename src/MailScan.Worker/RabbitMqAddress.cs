namespace MailScan.Worker;

/// <summary>Splits a rabbitmq://user:password@host:port/vhost URL into the host address and the credentials.</summary>
public static class RabbitMqAddress
{
    public static (Uri Host, string User, string Password) Parse(string url)
    {
        var uri = new Uri(url);
        var userInfo = Uri.UnescapeDataString(uri.UserInfo);
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var (user, password) = userInfo.Length == 0 ? ("guest", "guest")
            : colon < 0 ? (userInfo, string.Empty) : (userInfo[..colon], userInfo[(colon + 1)..]);
        var host = new UriBuilder("rabbitmq", uri.Host, uri.IsDefaultPort ? 5672 : uri.Port, uri.AbsolutePath).Uri;
        return (host, user, password);
    }
}
