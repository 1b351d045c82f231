using System.Diagnostics.CodeAnalysis;
using MailScan.Dns;

namespace MailScan.Rpki;

/// <summary>An RTR cache given as HOST:PORT (the port is required: caches listen on 323, 8282, 3323, ...).</summary>
public sealed record RtrEndpoint(string Host, int Port)
{
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses HOST:PORT, or says why the text is not one.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RtrEndpoint? endpoint, out string error)
    {
        endpoint = null;
        var value = (text ?? string.Empty).Trim();
        error = $"'{value}' is not HOST:PORT (e.g. 127.0.0.1:8282, [2001:db8::1]:323, rtr.example.net:323)";
        var lastColon = value.LastIndexOf(':');
        var hasPort = lastColon > 0 && (value.StartsWith('[') ? value[lastColon - 1] == ']' : value.Count(c => c == ':') == 1);
        if (!hasPort || ResolverEndpoint.Parse(value).Value is not { } parsed)
            return false;
        endpoint = new RtrEndpoint(parsed.Host, parsed.Port);
        return true;
    }
}
