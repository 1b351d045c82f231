using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace MailScan.Dns;

/// <summary>A resolver given as HOST[:PORT]: an IPv4 address, [IPv6]:port, a bare IPv6 address, or a host name.</summary>
public sealed record ResolverEndpoint(string Host, int Port)
{
    public const int DefaultPort = 53;

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses HOST[:PORT], or says why the text is not one.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ResolverEndpoint? endpoint, out string error)
    {
        endpoint = null;
        var value = (text ?? string.Empty).Trim();
        error = $"'{value}' is not HOST[:PORT] (e.g. 9.9.9.9, 127.0.0.1:5353, [2620:fe::fe]:53)";
        if (value.Length == 0)
            return false;

        string host;
        var port = DefaultPort;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']');
            if (close < 0)
                return false;
            host = value[1..close];
            var rest = value[(close + 1)..];
            if (rest.Length > 0 && (!rest.StartsWith(':') || !TryPort(rest[1..], out port)))
                return false;
            if (!IPAddress.TryParse(host, out _))
                return false;
        }
        else if (value.Count(c => c == ':') > 1)
        {
            host = value;
            if (!IPAddress.TryParse(host, out _))
                return false;
        }
        else
        {
            var colon = value.IndexOf(':');
            host = colon < 0 ? value : value[..colon];
            if (colon >= 0 && !TryPort(value[(colon + 1)..], out port))
                return false;
            if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
            {
                // Only a full dotted quad is an IPv4 address here ("1.2.3" is a typo, not 1.2.0.3).
                if (host.Count(c => c == '.') != 3 || !IPAddress.TryParse(host, out _))
                    return false;
            }
            else if (Uri.CheckHostName(host) != UriHostNameType.Dns)
            {
                return false;
            }
        }
        endpoint = new ResolverEndpoint(host, port);
        error = string.Empty;
        return true;
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
