using System.Globalization;
using MailScan.Parsing;

namespace MailScan.Checks.Policy.Dmarc;

/// <summary>
/// Parses DMARC records: "v=DMARC1" first, every known tag's value checked, duplicates refused,
/// unknown tags kept aside and ignored (RFC 7489 §6.3), report URIs checked. Pure and total.
/// </summary>
public static class DmarcParser
{
    /// <summary>Whether a TXT record is a DMARC record: it starts with v=DMARC1 (RFC 7489 §6.6.3).</summary>
    public static bool IsDmarcRecord(string? text)
    {
        if (text is null)
            return false;
        var i = 0;
        Skip(text, ref i);
        if (i >= text.Length || text[i] is not ('v' or 'V'))
            return false;
        i++;
        Skip(text, ref i);
        if (i >= text.Length || text[i] != '=')
            return false;
        i++;
        Skip(text, ref i);
        if (!text.AsSpan(i).StartsWith("DMARC1", StringComparison.Ordinal))
            return false;
        i += 6;
        return i == text.Length || text[i] is ' ' or '\t' or ';';
    }

    public static Parsed<DmarcRecord, PolicyParseError> Parse(string? text)
    {
        text ??= string.Empty;
        if (!IsDmarcRecord(text))
            return Parsed<DmarcRecord, PolicyParseError>.Fail(new PolicyParseError(0, "a DMARC record starts with \"v=DMARC1\""));
        var list = TagListParser.Parse(text);
        if (!list.IsValid)
            return Parsed<DmarcRecord, PolicyParseError>.Fail(list.Error);
        if (list.Value[0].Value != "DMARC1")
            return Parsed<DmarcRecord, PolicyParseError>.Fail(new PolicyParseError(list.Value[0].Position, $"v={list.Value[0].Value} is not v=DMARC1 (tags are separated by ';')"));
        var record = new DmarcRecord(text, null, null, null, 100, false, 'r', 'r', [], [], list.Value, []);
        var unknown = new List<string>();
        foreach (var tag in list.Value.Skip(1))
        {
            var (updated, error) = Apply(record, tag);
            if (error is not null)
                return Parsed<DmarcRecord, PolicyParseError>.Fail(error);
            if (updated is null)
                unknown.Add(tag.Name);
            else
                record = updated;
        }
        return Parsed<DmarcRecord, PolicyParseError>.Ok(record with { UnknownTags = unknown });
    }

    /// <summary>The record with the tag applied; null when the tag is unknown; or the error.</summary>
    private static (DmarcRecord? Record, PolicyParseError? Error) Apply(DmarcRecord record, PolicyTag tag)
    {
        var value = tag.Value;
        switch (tag.Name.ToLowerInvariant())
        {
            case "v":
                return (null, Error(tag, "v= must appear once, as the first tag"));
            case "p":
            case "sp":
            case "np":
                if (Policy(value) is not { } policy)
                    return (null, Error(tag, $"{tag.Name}={value} is not none, quarantine or reject"));
                return tag.Name.ToLowerInvariant() switch
                {
                    "p" => (record with { Policy = policy }, null),
                    "sp" => (record with { SubdomainPolicy = policy }, null),
                    _ => (record with { NonExistentPolicy = policy }, null),
                };
            case "pct":
                return value.Length is >= 1 and <= 3 && value.All(char.IsAsciiDigit) && int.Parse(value, CultureInfo.InvariantCulture) <= 100
                    ? (record with { Percent = int.Parse(value, CultureInfo.InvariantCulture) }, null)
                    : (null, Error(tag, $"pct={value} is not a whole number from 0 to 100"));
            case "t":
                return Letter(value, "yn") is { } t ? (record with { TestMode = t == 'y' }, null) : (null, Error(tag, $"t={value} is not y or n"));
            case "psd":
                return Letter(value, "ynu") is not null ? (record, null) : (null, Error(tag, $"psd={value} is not y, n or u"));
            case "adkim":
                return Letter(value, "rs") is { } dkim ? (record with { DkimAlignment = dkim }, null) : (null, Error(tag, $"adkim={value} is not r or s"));
            case "aspf":
                return Letter(value, "rs") is { } spf ? (record with { SpfAlignment = spf }, null) : (null, Error(tag, $"aspf={value} is not r or s"));
            case "fo":
                return value.Split(':').All(o => o.Trim() is "0" or "1" or "d" or "s") ? (record, null) : (null, Error(tag, $"fo={value} is not a ':'-separated list of 0, 1, d, s"));
            case "rf":
                return value.Split(':').All(f => f.Trim() is { Length: > 0 } k && k.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                    ? (record, null) : (null, Error(tag, $"rf={value} is not a ':'-separated list of report formats"));
            case "ri":
                return value.Length is >= 1 and <= 10 && value.All(char.IsAsciiDigit) && long.Parse(value, CultureInfo.InvariantCulture) <= uint.MaxValue
                    ? (record, null) : (null, Error(tag, $"ri={value} is not a number of seconds"));
            case "rua":
            case "ruf":
                var uris = DmarcUriParser.ParseList(value, tag.Position + tag.Name.Length + 1);
                if (!uris.IsValid)
                    return (null, uris.Error);
                return tag.Name.Equals("rua", StringComparison.OrdinalIgnoreCase)
                    ? (record with { AggregateReports = uris.Value.Items }, null)
                    : (record with { FailureReports = uris.Value.Items }, null);
            default:
                return (null, null);
        }
    }

    private static PolicyParseError Error(PolicyTag tag, string reason) => new(tag.Position, reason);

    private static DmarcPolicy? Policy(string value) => value.ToLowerInvariant() switch
    {
        "none" => DmarcPolicy.None,
        "quarantine" => DmarcPolicy.Quarantine,
        "reject" => DmarcPolicy.Reject,
        _ => null,
    };

    private static char? Letter(string value, string allowed) =>
        value.Length == 1 && allowed.Contains(char.ToLowerInvariant(value[0]), StringComparison.Ordinal) ? char.ToLowerInvariant(value[0]) : null;

    private static void Skip(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
            i++;
    }
}
