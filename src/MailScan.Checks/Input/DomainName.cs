using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace MailScan.Checks.Input;

/// <summary>A mail domain in canonical form: lower case, A-labels, no trailing dot.</summary>
public sealed record DomainName
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    private DomainName(string ascii, string input)
    {
        Ascii = ascii;
        Input = input;
    }

    /// <summary>The canonical name, e.g. <c>xn--bcher-kva.example</c>.</summary>
    public string Ascii { get; }

    /// <summary>The text the user gave.</summary>
    public string Input { get; }

    public override string ToString() => Ascii;

    /// <summary>
    /// Normalises a user's name (an e-mail address is reduced to its domain part) with UTS 46,
    /// or says in one line why it is not a domain name.
    /// </summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out DomainName? name, out string error)
    {
        name = null;
        var text = (input ?? string.Empty).Trim();
        var at = text.LastIndexOf('@');
        if (at >= 0)
            text = text[(at + 1)..];
        if (text.EndsWith('.'))
            text = text[..^1];

        if (text.Length == 0)
            return Fail("the domain name is empty", out error);
        if (text.Length > 253 && text.All(char.IsAscii))
            return Fail($"the domain name is {text.Length} octets long; at most 253 are allowed", out error);
        if (text.Length > 1024)
            return Fail($"the domain name is {text.Length} characters long; a domain name has at most 253 octets", out error);
        if (IsIpLiteral(text))
            return Fail($"'{Shorten(text)}' is an IP address; give a domain name", out error);
        if (text.Contains(".."))
            return Fail($"'{Shorten(text)}' has an empty label (two dots in a row)", out error);
        if (text.StartsWith('.'))
            return Fail($"'{Shorten(text)}' starts with a dot", out error);

        string ascii;
        try
        {
            ascii = Idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return Fail($"'{Shorten(text)}' is not a valid domain name: {DescribeBadLabel(text)}", out error);
        }

        if (!TryValidateAscii(ascii, out error))
            return false;

        name = new DomainName(ascii, input ?? string.Empty);
        error = string.Empty;
        return true;
    }

    /// <summary>Parses a name that must be valid; for names the program itself produced.</summary>
    public static DomainName Parse(string input) =>
        TryParse(input, out var name, out var error) ? name : throw new FormatException(error);

    private static bool TryValidateAscii(string ascii, out string error)
    {
        if (ascii.Length > 253)
            return Fail($"the domain name is {ascii.Length} octets long; at most 253 are allowed", out error);
        var labels = ascii.Split('.');
        if (labels.Length < 2)
            return Fail($"'{ascii}' is a single label; give a full domain name such as example.nl", out error);
        foreach (var label in labels)
        {
            if (label.Length == 0)
                return Fail($"'{ascii}' has an empty label", out error);
            if (label.Length > 63)
                return Fail($"label '{Shorten(label)}' is {label.Length} octets long; at most 63 are allowed", out error);
            if (label[0] == '-' || label[^1] == '-')
                return Fail($"label '{label}' starts or ends with a hyphen", out error);
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                    return Fail($"label '{label}' contains '{c}'; only letters, digits and hyphens are allowed", out error);
            }
        }
        if (labels[^1].All(char.IsAsciiDigit))
            return Fail($"'{ascii}' ends in a numeric label; that is not a domain name", out error);
        error = string.Empty;
        return true;
    }

    private static string DescribeBadLabel(string text)
    {
        if (text.Length > 253)
            return "it is longer than 253 octets";
        foreach (var label in text.Split('.'))
        {
            if (label.Length == 0)
                return "it has an empty label";
            var bad = label.FirstOrDefault(c => c < 128 && !(char.IsAsciiLetterOrDigit(c) || c == '-'));
            if (bad != default)
                return $"label '{Shorten(label)}' contains '{bad}'; only letters, digits and hyphens are allowed";
            if (label.StartsWith('-') || label.EndsWith('-'))
                return $"label '{Shorten(label)}' starts or ends with a hyphen";
            if (label.Length > 63)
                return $"label '{Shorten(label)}' is longer than 63 octets";
        }
        return "it is not valid under IDNA (UTS 46)";
    }

    private static bool IsIpLiteral(string text)
    {
        var inner = text.Trim('[', ']');
        return IPAddress.TryParse(inner, out _) && (inner.Contains(':') || inner.Count(c => c == '.') == 3);
    }

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..67] + "...";

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
