using MailScan.Parsing;

namespace MailScan.Checks.Policy.Dmarc;

/// <summary>
/// dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ], comma-separated (RFC 7489 §6.4).
/// Also used for the rua= of TLS-RPT. Pure and total.
/// </summary>
public static class DmarcUriParser
{
    public static Parsed<DmarcUriList, PolicyParseError> ParseList(string value, int position)
    {
        var items = new List<DmarcUri>();
        var offset = 0;
        foreach (var raw in value.Split(','))
        {
            var text = raw.Trim(' ', '\t');
            var error = Parse(text, out var uri);
            if (error is not null)
                return Parsed<DmarcUriList, PolicyParseError>.Fail(new PolicyParseError(position + offset, error));
            items.Add(uri!);
            offset += raw.Length + 1;
        }
        return Parsed<DmarcUriList, PolicyParseError>.Ok(new DmarcUriList(items));
    }

    /// <summary>The reason the text is not a report URI, or null with the URI.</summary>
    private static string? Parse(string text, out DmarcUri? uri)
    {
        uri = null;
        if (text.Length == 0)
            return "empty report address in the list";
        string? limit = null;
        var bang = text.IndexOf('!');
        if (bang >= 0)
        {
            limit = text[(bang + 1)..];
            var digits = limit.TrimEnd('k', 'm', 'g', 't', 'K', 'M', 'G', 'T');
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || limit.Length - digits.Length > 1)
                return $"'{text}': the size limit after '!' must be digits with an optional k, m, g or t";
            text = text[..bang];
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || text.Any(c => c is <= ' ' or > '~'))
            return $"'{text}' is not a URI (e.g. mailto:reports@example.com)";
        string host;
        if (parsed.Scheme == Uri.UriSchemeMailto)
        {
            var at = text.LastIndexOf('@');
            host = at < 0 ? string.Empty : text[(at + 1)..].TrimEnd('.').ToLowerInvariant();
            var query = host.IndexOf('?');
            if (query >= 0)
                host = host[..query];
            if (at <= "mailto:".Length || Uri.CheckHostName(host) != UriHostNameType.Dns)
                return $"'{text}' is not a mailto: address with a domain";
        }
        else
        {
            host = parsed.IdnHost.ToLowerInvariant();
        }
        uri = new DmarcUri(text, parsed.Scheme, host, limit);
        return null;
    }
}
