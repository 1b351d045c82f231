using MailScan.Dns;
using MailScan.Parsing;

namespace MailScan.Rpki;

/// <summary>An RTR cache given as HOST:PORT (the port is required: caches listen on 323, 8282, 3323, ...).</summary>
public sealed record RtrEndpoint(string Host, int Port)
{
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses HOST:PORT, or says what is wrong with the text.</summary>
    public static Parsed<RtrEndpoint, RtrEndpointError> Parse(string? text)
    {
        var value = (text ?? string.Empty).Trim();
        var lastColon = value.LastIndexOf(':');
        var hasPort = lastColon > 0 && (value.StartsWith('[') ? value[lastColon - 1] == ']' : value.Count(c => c == ':') == 1);
        if (!hasPort)
            return Parsed<RtrEndpoint, RtrEndpointError>.Fail(new(RtrEndpointFault.NoPort, value));
        var (parsed, _) = ResolverEndpoint.Parse(value);
        return parsed is null
            ? Parsed<RtrEndpoint, RtrEndpointError>.Fail(new(RtrEndpointFault.BadHostOrPort, value))
            : Parsed<RtrEndpoint, RtrEndpointError>.Ok(new RtrEndpoint(parsed.Host, parsed.Port));
    }
}

/// <summary>What is wrong with an RTR cache's HOST:PORT.</summary>
public enum RtrEndpointFault
{
    /// <summary>No port: an RTR cache has no default one.</summary>
    NoPort,

    /// <summary>The host is not an address or a name, or the port not 1-65535.</summary>
    BadHostOrPort,
}

/// <summary>Why a text is not an RTR cache's HOST:PORT; its text is the one-line message a user reads.</summary>
public sealed record RtrEndpointError(RtrEndpointFault Fault, string Text)
{
    public override string ToString() => $"'{Text}' is not HOST:PORT (e.g. 127.0.0.1:8282, [2001:db8::1]:323, rtr.example.net:323)";
}
