using System.Globalization;
using System.Net;
using MailScan.Parsing;

namespace MailScan.Dns;

/// <summary>A resolver given as HOST[:PORT]: an IPv4 address, [IPv6]:port, a bare IPv6 address, or a host name.</summary>
public sealed record ResolverEndpoint(string Host, int Port)
{
    public const int DefaultPort = 53;

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses HOST[:PORT], or says what is wrong with the text.</summary>
    public static Parsed<ResolverEndpoint, ResolverEndpointError> Parse(string? text)
    {
        var value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
            return Fail(ResolverEndpointFault.Empty, value);

        string host;
        var port = DefaultPort;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']');
            if (close < 0)
                return Fail(ResolverEndpointFault.UnclosedBracket, value);
            host = value[1..close];
            var rest = value[(close + 1)..];
            if (rest.Length > 0 && !rest.StartsWith(':'))
                return Fail(ResolverEndpointFault.UnclosedBracket, value);
            if (rest.Length > 0 && !TryPort(rest[1..], out port))
                return Fail(ResolverEndpointFault.BadPort, value);
            if (!IPAddress.TryParse(host, out _))
                return Fail(ResolverEndpointFault.BadIpv6Address, value);
        }
        else if (value.Count(c => c == ':') > 1)
        {
            host = value;
            if (!IPAddress.TryParse(host, out _))
                return Fail(ResolverEndpointFault.BadIpv6Address, value);
        }
        else
        {
            var colon = value.IndexOf(':');
            host = colon < 0 ? value : value[..colon];
            if (colon >= 0 && !TryPort(value[(colon + 1)..], out port))
                return Fail(ResolverEndpointFault.BadPort, value);
            if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
            {
                // Only a full dotted quad is an IPv4 address here ("1.2.3" is a typo, not 1.2.0.3).
                if (host.Count(c => c == '.') != 3 || !IPAddress.TryParse(host, out _))
                    return Fail(ResolverEndpointFault.BadIpv4Address, value);
            }
            else if (Uri.CheckHostName(host) != UriHostNameType.Dns)
            {
                return Fail(ResolverEndpointFault.BadHostName, value);
            }
        }
        return Parsed<ResolverEndpoint, ResolverEndpointError>.Ok(new(host, port));
    }

    private static Parsed<ResolverEndpoint, ResolverEndpointError> Fail(ResolverEndpointFault fault, string value) =>
        Parsed<ResolverEndpoint, ResolverEndpointError>.Fail(new(fault, value));

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
