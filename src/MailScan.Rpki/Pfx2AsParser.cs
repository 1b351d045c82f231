using System.Globalization;
using MailScan.Parsing;

namespace MailScan.Rpki;

/// <summary>
/// Reads a prefix-to-AS table in the RouteViews/CAIDA pfx2as format: one route per line,
/// <c>prefix&lt;TAB&gt;length&lt;TAB&gt;origins</c>, where origins are separated by '_' (multi-origin)
/// and the members of an AS set by ','. Blank lines and '#' comments are allowed. Pure and total:
/// a bad line gives an error with its number, never an exception.
/// </summary>
public static class Pfx2AsParser
{
    public static Parsed<IReadOnlyList<AnnouncedRoute>, RpkiParseError> Parse(ReadOnlySpan<char> text)
    {
        var routes = new List<AnnouncedRoute>();
        var origins = new Dictionary<uint, RouteOrigin>();
        var lineNumber = 0;
        foreach (var rawLine in text.EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
                continue;
            var error = ParseLine(line, origins, out var route);
            if (error is not null)
                return Parsed<IReadOnlyList<AnnouncedRoute>, RpkiParseError>.Fail(new RpkiParseError($"line {lineNumber}", error));
            routes.Add(route!);
        }
        return Parsed<IReadOnlyList<AnnouncedRoute>, RpkiParseError>.Ok(routes);
    }

    private static string? ParseLine(ReadOnlySpan<char> line, Dictionary<uint, RouteOrigin> shared, out AnnouncedRoute? route)
    {
        route = null;
        Span<Range> fields = stackalloc Range[4];
        var count = SplitFields(line, fields);
        if (count != 3)
            return $"expected 3 fields (prefix, length, origin AS), found {count}";
        if (!IpPrefix.TryCreate(line[fields[0]], line[fields[1]], out var prefix, out var prefixError))
            return prefixError;
        var originText = line[fields[2]];
        var origins = new List<RouteOrigin>(1);
        foreach (var part in originText.Split('_'))
        {
            var error = ParseOrigin(originText[part], shared, out var origin);
            if (error is not null)
                return error;
            if (!origins.Contains(origin!))
                origins.Add(origin!);
        }
        route = new AnnouncedRoute(prefix, origins);
        return null;
    }

    private static string? ParseOrigin(ReadOnlySpan<char> text, Dictionary<uint, RouteOrigin> shared, out RouteOrigin? origin)
    {
        origin = null;
        if (!text.Contains(','))
        {
            if (!TryAsn(text, out var asn))
                return $"'{text}' is not an AS number";
            if (!shared.TryGetValue(asn, out origin))
                shared[asn] = origin = RouteOrigin.Of(asn);
            return null;
        }
        var members = new List<uint>();
        foreach (var part in text.Split(','))
        {
            if (!TryAsn(text[part], out var member))
                return $"'{text[part]}' in the AS set '{text}' is not an AS number";
            if (!members.Contains(member))
                members.Add(member);
        }
        origin = RouteOrigin.Set(members);
        return null;
    }

    private static bool TryAsn(ReadOnlySpan<char> text, out uint asn) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out asn);

    /// <summary>Splits on runs of tabs and spaces; returns the number of fields (up to the span's size).</summary>
    private static int SplitFields(ReadOnlySpan<char> line, Span<Range> fields)
    {
        var count = 0;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
                i++;
            if (i == line.Length)
                break;
            var start = i;
            while (i < line.Length && line[i] is not (' ' or '\t'))
                i++;
            if (count < fields.Length)
                fields[count] = new Range(start, i);
            count++;
        }
        return count;
    }
}
