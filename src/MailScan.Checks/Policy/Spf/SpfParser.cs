using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailScan.Parsing;

namespace MailScan.Checks.Policy.Spf;

/// <summary>
/// Parses an SPF record by the ABNF of RFC 7208 §12: every mechanism and modifier, qualifiers,
/// macros, CIDR lengths. Pure and total: any input gives a record or an error with its position.
/// </summary>
public static class SpfParser
{
    private const string Version = "v=spf1";

    /// <summary>Whether a TXT record is an SPF record: "v=spf1" (any case) then a space or the end (RFC 7208 §4.5).</summary>
    public static bool IsSpfRecord(string? text) =>
        text is not null && text.StartsWith(Version, StringComparison.OrdinalIgnoreCase) && (text.Length == Version.Length || text[Version.Length] == ' ');

    /// <summary>Parses a whole record, "v=spf1" included.</summary>
    public static Parsed<SpfRecord, PolicyParseError> Parse(string? text)
    {
        text ??= string.Empty;
        if (!IsSpfRecord(text))
            return Parsed<SpfRecord, PolicyParseError>.Fail(new PolicyParseError(0, "an SPF record starts with \"v=spf1\" followed by a space or the end"));
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is < ' ' or > '~')
                return Parsed<SpfRecord, PolicyParseError>.Fail(new PolicyParseError(i, $"character {SpfMacroParser.Describe(text[i])} is not allowed: SPF records are printable ASCII with terms separated by spaces"));
        }

        var mechanisms = new List<SpfMechanism>();
        var unknown = new List<SpfModifier>();
        SpfModifier? redirect = null, explanation = null;
        var position = Version.Length;
        while (position < text.Length)
        {
            if (text[position] == ' ')
            {
                position++;
                continue;
            }
            var end = text.IndexOf(' ', position);
            if (end < 0)
                end = text.Length;
            var term = text[position..end];
            var parsed = ParseTerm(term, position);
            if (parsed.Error is { } error)
                return Parsed<SpfRecord, PolicyParseError>.Fail(error);
            if (parsed.Mechanism is { } mechanism)
            {
                mechanisms.Add(mechanism);
            }
            else if (parsed.Modifier is { } modifier)
            {
                switch (modifier.Name)
                {
                    case "redirect" when redirect is not null:
                    case "exp" when explanation is not null:
                        return Parsed<SpfRecord, PolicyParseError>.Fail(new PolicyParseError(position, $"the {modifier.Name}= modifier appears more than once"));
                    case "redirect":
                        redirect = modifier;
                        break;
                    case "exp":
                        explanation = modifier;
                        break;
                    default:
                        unknown.Add(modifier);
                        break;
                }
            }
            position = end;
        }
        return Parsed<SpfRecord, PolicyParseError>.Ok(new SpfRecord(text, mechanisms, redirect, explanation, unknown));
    }

    private sealed record Term(SpfMechanism? Mechanism, SpfModifier? Modifier, PolicyParseError? Error);

    private static Term Error(int position, string reason) => new(null, null, new PolicyParseError(position, reason));

    private static Term ParseTerm(string term, int at)
    {
        var equals = term.IndexOf('=');
        var separator = term.IndexOfAny([':', '/']);
        if (equals >= 0 && (separator < 0 || equals < separator))
            return ParseModifier(term, equals, at);

        var qualifier = term[0] switch
        {
            '+' => SpfQualifier.Pass,
            '-' => SpfQualifier.Fail,
            '~' => SpfQualifier.SoftFail,
            '?' => SpfQualifier.Neutral,
            _ => (SpfQualifier?)null,
        };
        var start = qualifier is null ? 0 : 1;
        var nameEnd = separator < 0 ? term.Length : separator;
        if (nameEnd < start)
            return Error(at, $"'{term}' is not a mechanism");
        var name = term[start..nameEnd].ToLowerInvariant();
        var rest = term[nameEnd..];
        var restAt = at + nameEnd;
        var kind = name switch
        {
            "all" => SpfMechanismKind.All,
            "include" => SpfMechanismKind.Include,
            "a" => SpfMechanismKind.A,
            "mx" => SpfMechanismKind.Mx,
            "ptr" => SpfMechanismKind.Ptr,
            "ip4" => SpfMechanismKind.Ip4,
            "ip6" => SpfMechanismKind.Ip6,
            "exists" => SpfMechanismKind.Exists,
            _ => (SpfMechanismKind?)null,
        };
        if (kind is null)
        {
            return Error(at, name.Length == 0 ? $"'{term}' has no mechanism name"
                : name is "redirect" or "exp" ? $"'{name}' is a modifier: write {name}=domain"
                : $"'{term[start..nameEnd]}' is not a mechanism (all, include, a, mx, ptr, ip4, ip6, exists)");
        }
        var mechanism = new SpfMechanism(qualifier ?? SpfQualifier.Pass, kind.Value, null, null, 32, 128, at, term);
        return kind.Value switch
        {
            SpfMechanismKind.All => rest.Length == 0 ? new Term(mechanism, null, null) : Error(restAt, "\"all\" takes no argument"),
            SpfMechanismKind.Include or SpfMechanismKind.Exists => WithDomain(mechanism, rest, restAt, required: true, cidr: false),
            SpfMechanismKind.Ptr => WithDomain(mechanism, rest, restAt, required: false, cidr: false),
            SpfMechanismKind.A or SpfMechanismKind.Mx => WithDomain(mechanism, rest, restAt, required: false, cidr: true),
            _ => WithNetwork(mechanism, rest, restAt),
        };
    }

    private static Term ParseModifier(string term, int equals, int at)
    {
        var name = term[..equals];
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            return Error(at, $"'{name}' is not a modifier name (a letter, then letters, digits, '-', '_' or '.')");
        var lower = name.ToLowerInvariant();
        var known = lower is "redirect" or "exp";
        var value = SpfMacroParser.Parse(term[(equals + 1)..], at + equals + 1, known ? SpfMacroUse.DomainSpec : SpfMacroUse.ModifierValue);
        if (!value.IsValid)
            return new Term(null, null, value.Error);
        return new Term(null, new SpfModifier(known ? lower : name, value.Value, at, term), null);
    }

    private static Term WithDomain(SpfMechanism mechanism, string rest, int at, bool required, bool cidr)
    {
        var body = rest;
        var bodyAt = at;
        SpfMacroString? domain = null;
        if (rest.StartsWith(':'))
        {
            body = rest[1..];
            bodyAt = at + 1;
        }
        else if (required || rest.Length > 0 && (!cidr || !rest.StartsWith('/')))
        {
            return Error(at, required ? $"\"{Name(mechanism.Kind)}\" needs \":domain\"" : $"unexpected '{rest}' after \"{Name(mechanism.Kind)}\"");
        }

        var (head, ip4, ip6) = cidr ? SplitDualCidr(body) : (body, null, null);
        if (rest.StartsWith(':'))
        {
            var parsed = SpfMacroParser.Parse(head, bodyAt, SpfMacroUse.DomainSpec);
            if (!parsed.IsValid)
                return new Term(null, null, parsed.Error);
            domain = parsed.Value;
        }
        else if (head.Length > 0)
        {
            return Error(at, $"'{rest}' is not a prefix length (/N, //N or /N//N)");
        }
        var ip4Prefix = 32;
        var ip6Prefix = 128;
        if (ip4 is not null && !TryPrefix(ip4, 32, out ip4Prefix))
            return Error(at, $"IPv4 prefix length /{ip4} is not 0-32 without leading zeros");
        if (ip6 is not null && !TryPrefix(ip6, 128, out ip6Prefix))
            return Error(at, $"IPv6 prefix length //{ip6} is not 0-128 without leading zeros");
        return new Term(mechanism with { Domain = domain, Ip4Prefix = ip4Prefix, Ip6Prefix = ip6Prefix }, null, null);
    }

    private static Term WithNetwork(SpfMechanism mechanism, string rest, int at)
    {
        var v4 = mechanism.Kind == SpfMechanismKind.Ip4;
        if (!rest.StartsWith(':'))
            return Error(at, $"\"{Name(mechanism.Kind)}\" needs \":address\"");
        var body = rest[1..];
        var slash = body.IndexOf('/');
        var text = slash < 0 ? body : body[..slash];
        var max = v4 ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && !TryPrefix(body[(slash + 1)..], max, out prefix))
            return Error(at + 1 + slash, $"'{body[slash..]}' is not a prefix length /0-{max} without leading zeros");
        if (v4 ? !TryIpv4(text, out var address) : !TryIpv6(text, out address))
            return Error(at + 1, $"'{text}' is not an {(v4 ? "IPv4" : "IPv6")} address");
        return new Term(mechanism with { Network = address, Ip4Prefix = v4 ? prefix : 32, Ip6Prefix = v4 ? 128 : prefix }, null, null);
    }

    /// <summary>Splits "domain/24//64" into the domain and the two optional lengths (digits only; checked later).</summary>
    private static (string Head, string? Ip4, string? Ip6) SplitDualCidr(string text)
    {
        string? ip6 = null, ip4 = null;
        var dual = text.LastIndexOf("//", StringComparison.Ordinal);
        if (dual >= 0 && AllDigits(text[(dual + 2)..]))
        {
            ip6 = text[(dual + 2)..];
            text = text[..dual];
        }
        var single = text.LastIndexOf('/');
        if (single >= 0 && AllDigits(text[(single + 1)..]) && (single == 0 || text[single - 1] != '/'))
        {
            ip4 = text[(single + 1)..];
            text = text[..single];
        }
        return (text, ip4, ip6);
    }

    private static bool AllDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static bool TryPrefix(string text, int max, out int prefix)
    {
        prefix = 0;
        if (!AllDigits(text) || text.Length > 3 || text.Length > 1 && text[0] == '0')
            return false;
        prefix = int.Parse(text, CultureInfo.InvariantCulture);
        return prefix <= max;
    }

    /// <summary>ip4-network = qnum "." qnum "." qnum "." qnum, each 0-255 without leading zeros.</summary>
    private static bool TryIpv4(string text, out IPAddress address)
    {
        address = IPAddress.None;
        var parts = text.Split('.');
        if (parts.Length != 4 || !parts.All(p => AllDigits(p) && p.Length <= 3 && (p.Length == 1 || p[0] != '0') && int.Parse(p, CultureInfo.InvariantCulture) <= 255))
            return false;
        address = IPAddress.Parse(text);
        return true;
    }

    private static bool TryIpv6(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (!text.Contains(':') || !text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
            return false;
        if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
            return false;
        address = parsed;
        return true;
    }

    /// <summary>The mechanism's name as written in records.</summary>
    public static string Name(SpfMechanismKind kind) => kind.ToString().ToLowerInvariant();
}
