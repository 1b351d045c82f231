using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailScan.Checks.Policy.Spf;

/// <summary>Expands parsed macro-strings (RFC 7208 §7.3, §7.4). Pure.</summary>
public static class SpfMacroExpander
{
    private const int MaxDomainLength = 253;

    /// <summary>The expanded text.</summary>
    public static string Expand(SpfMacroString text, SpfMacroValues values)
    {
        var result = new StringBuilder();
        foreach (var part in text.Parts)
            result.Append(part.IsMacro ? ExpandMacro(part, values) : part.Literal);
        return result.ToString();
    }

    /// <summary>
    /// The expanded domain-spec as a DNS name: without a trailing dot, and cut from the left
    /// label by label until it is at most 253 characters (§7.3).
    /// </summary>
    public static string ExpandDomain(SpfMacroString domain, SpfMacroValues values)
    {
        var name = Expand(domain, values);
        if (name.EndsWith('.'))
            name = name[..^1];
        while (name.Length > MaxDomainLength)
        {
            var dot = name.IndexOf('.');
            if (dot < 0)
                return name[^MaxDomainLength..];
            name = name[(dot + 1)..];
        }
        return name;
    }

    private static string ExpandMacro(SpfMacroPart part, SpfMacroValues values)
    {
        var value = part.Letter switch
        {
            's' => values.Sender,
            'l' => values.LocalPart,
            'o' => values.SenderDomain,
            'd' => values.Domain,
            'i' => DottedAddress(values.Client),
            'p' => values.ValidatedName,
            'v' => values.Client.AddressFamily == AddressFamily.InterNetworkV6 ? "ip6" : "in-addr",
            'h' => values.Helo,
            'c' => values.Client.ToString(),
            'r' => values.Receiver,
            't' => values.Timestamp.ToString(CultureInfo.InvariantCulture),
            _ => string.Empty,
        };
        var delimiters = part.Delimiters.Length == 0 ? ['.'] : part.Delimiters.ToCharArray();
        IEnumerable<string> labels = value.Split(delimiters);
        if (part.Reverse)
            labels = labels.Reverse();
        var list = labels.ToList();
        if (part.KeepRight > 0 && part.KeepRight < list.Count)
            list = list[^part.KeepRight..];
        var joined = string.Join('.', list);
        return part.UrlEscape ? UrlEscape(joined) : joined;
    }

    /// <summary>"i": dotted quad for IPv4, dot-separated nibbles for IPv6 (§7.3).</summary>
    public static string DottedAddress(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        var nibbles = new List<string>(32);
        foreach (var b in bytes)
        {
            nibbles.Add(((b >> 4) & 0xF).ToString("x", CultureInfo.InvariantCulture));
            nibbles.Add((b & 0xF).ToString("x", CultureInfo.InvariantCulture));
        }
        return string.Join('.', nibbles);
    }

    /// <summary>Upper-case macro letters are URL-escaped: everything but ALPHA DIGIT - . _ ~ (§7.3).</summary>
    private static string UrlEscape(string text)
    {
        var result = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
                result.Append(c);
            else
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return result.ToString();
    }
}
