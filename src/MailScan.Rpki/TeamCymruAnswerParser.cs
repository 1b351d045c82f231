using MailScan.Parsing;

namespace MailScan.Rpki;

/// <summary>
/// Reads one TXT answer of the Team Cymru IP-to-ASN service:
/// <c>"64496 64497 | 192.0.2.0/24 | NL | ripencc | 2001-01-01"</c> — the origin ASes (more than
/// one for a multi-origin prefix), the announced prefix, then fields we do not need. Pure and total.
/// </summary>
public static class TeamCymruAnswerParser
{
    public static Parsed<AnnouncedRoute, RpkiParseError> Parse(string text)
    {
        var fields = text.Split('|');
        if (fields.Length < 2)
            return Parsed<AnnouncedRoute, RpkiParseError>.Fail(new RpkiParseError("field 1", $"'{Shorten(text)}' is not 'ASN | PREFIX | ...'"));
        var origins = new List<RouteOrigin>();
        foreach (var asn in fields[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!uint.TryParse(asn, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
                return Parsed<AnnouncedRoute, RpkiParseError>.Fail(new RpkiParseError("field 1", $"'{Shorten(asn)}' is not an AS number"));
            var origin = RouteOrigin.Of(number);
            if (!origins.Contains(origin))
                origins.Add(origin);
        }
        if (origins.Count == 0)
            return Parsed<AnnouncedRoute, RpkiParseError>.Fail(new RpkiParseError("field 1", "no origin AS"));
        if (!IpPrefix.TryParse(fields[1].Trim(), out var prefix, out var error))
            return Parsed<AnnouncedRoute, RpkiParseError>.Fail(new RpkiParseError("field 2", error ?? "not a prefix"));
        return Parsed<AnnouncedRoute, RpkiParseError>.Ok(new AnnouncedRoute(prefix, origins));
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
