using System.Globalization;
using System.Net;
using MailScan.Parsing;

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
    public static Parsed<DomainName, DomainNameError> FromInput(string? input)
    {
        var text = (input ?? string.Empty).Trim();
        var at = text.LastIndexOf('@');
        if (at >= 0)
            text = text[(at + 1)..];
        if (text.EndsWith('.'))
            text = text[..^1];

        if (text.Length == 0)
            return Fail(DomainNameFault.Empty, "the domain name is empty");
        if (text.Length > 253 && text.All(char.IsAscii))
            return Fail(DomainNameFault.TooLong, $"the domain name is {text.Length} octets long; at most 253 are allowed");
        if (text.Length > 1024)
            return Fail(DomainNameFault.TooLong, $"the domain name is {text.Length} characters long; a domain name has at most 253 octets");
        if (IsIpLiteral(text))
            return Fail(DomainNameFault.IpAddress, $"'{Shorten(text)}' is an IP address; give a domain name");
        if (text.Contains(".."))
            return Fail(DomainNameFault.EmptyLabel, $"'{Shorten(text)}' has an empty label (two dots in a row)");
        if (text.StartsWith('.'))
            return Fail(DomainNameFault.StartsWithDot, $"'{Shorten(text)}' starts with a dot");

        string ascii;
        try
        {
            ascii = Idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            var (fault, why) = DescribeBadLabel(text);
            return Fail(fault, $"'{Shorten(text)}' is not a valid domain name: {why}");
        }

        if (ValidateAscii(ascii) is { } error)
            return Parsed<DomainName, DomainNameError>.Fail(error);
        return Parsed<DomainName, DomainNameError>.Ok(new DomainName(ascii, input ?? string.Empty));
    }

    /// <summary>Parses a name that must be valid; for names the program itself produced.</summary>
    public static DomainName Parse(string input)
    {
        var (name, error) = FromInput(input);
        return name ?? throw new FormatException(error!.Reason);
    }

    private static DomainNameError? ValidateAscii(string ascii)
    {
        if (ascii.Length > 253)
            return new(DomainNameFault.TooLong, $"the domain name is {ascii.Length} octets long; at most 253 are allowed");
        var labels = ascii.Split('.');
        if (labels.Length < 2)
            return new(DomainNameFault.SingleLabel, $"'{ascii}' is a single label; give a full domain name such as example.nl");
        foreach (var label in labels)
        {
            if (label.Length == 0)
                return new(DomainNameFault.EmptyLabel, $"'{ascii}' has an empty label");
            if (label.Length > 63)
                return new(DomainNameFault.LabelTooLong, $"label '{Shorten(label)}' is {label.Length} octets long; at most 63 are allowed");
            if (label[0] == '-' || label[^1] == '-')
                return new(DomainNameFault.Hyphen, $"label '{label}' starts or ends with a hyphen");
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                    return new(DomainNameFault.BadCharacter, $"label '{label}' contains '{c}'; only letters, digits and hyphens are allowed");
            }
        }
        if (labels[^1].All(char.IsAsciiDigit))
            return new(DomainNameFault.NumericTopLabel, $"'{ascii}' ends in a numeric label; that is not a domain name");
        return null;
    }

    private static (DomainNameFault Fault, string Why) DescribeBadLabel(string text)
    {
        if (text.Length > 253)
            return (DomainNameFault.TooLong, "it is longer than 253 octets");
        foreach (var label in text.Split('.'))
        {
            if (label.Length == 0)
                return (DomainNameFault.EmptyLabel, "it has an empty label");
            var bad = label.FirstOrDefault(c => c < 128 && !(char.IsAsciiLetterOrDigit(c) || c == '-'));
            if (bad != default)
                return (DomainNameFault.BadCharacter, $"label '{Shorten(label)}' contains '{bad}'; only letters, digits and hyphens are allowed");
            if (label.StartsWith('-') || label.EndsWith('-'))
                return (DomainNameFault.Hyphen, $"label '{Shorten(label)}' starts or ends with a hyphen");
            if (label.Length > 63)
                return (DomainNameFault.LabelTooLong, $"label '{Shorten(label)}' is longer than 63 octets");
        }
        return (DomainNameFault.NotIdna, "it is not valid under IDNA (UTS 46)");
    }

    private static bool IsIpLiteral(string text)
    {
        var inner = text.Trim('[', ']');
        return IPAddress.TryParse(inner, out _) && (inner.Contains(':') || inner.Count(c => c == '.') == 3);
    }

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..67] + "...";

    private static Parsed<DomainName, DomainNameError> Fail(DomainNameFault fault, string reason) =>
        Parsed<DomainName, DomainNameError>.Fail(new(fault, reason));
}
