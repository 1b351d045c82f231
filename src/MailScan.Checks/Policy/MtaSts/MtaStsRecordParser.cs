using MailScan.Parsing;

namespace MailScan.Checks.Policy.MtaSts;

/// <summary>Parses the _mta-sts TXT record: "v=STSv1; id=..." (RFC 8461 §3.1). Pure and total.</summary>
public static class MtaStsRecordParser
{
    /// <summary>Whether a TXT record is an MTA-STS record: it begins with "v=STSv1;" (senders discard the others).</summary>
    public static bool IsMtaStsRecord(string? text) =>
        text is not null && text.StartsWith("v=STSv1", StringComparison.Ordinal)
        && text[7..].TrimStart(' ', '\t').StartsWith(';');

    public static Parsed<MtaStsRecord, PolicyParseError> Parse(string? text)
    {
        if (!IsMtaStsRecord(text))
            return Parsed<MtaStsRecord, PolicyParseError>.Fail(new PolicyParseError(0, "an MTA-STS record begins with \"v=STSv1;\""));
        var list = TagListParser.Parse(text);
        if (!list.IsValid)
            return Parsed<MtaStsRecord, PolicyParseError>.Fail(list.Error);
        var id = list.Value.FirstOrDefault(t => t.Name == "id");
        if (id is null)
            return Parsed<MtaStsRecord, PolicyParseError>.Fail(new PolicyParseError(text!.Length, "the record has no id= field"));
        if (id.Value.Length is 0 or > 32 || !id.Value.All(char.IsAsciiLetterOrDigit))
            return Parsed<MtaStsRecord, PolicyParseError>.Fail(new PolicyParseError(id.Position, $"id={id.Value} is not 1 to 32 letters and digits"));
        foreach (var tag in list.Value.Skip(1).Where(t => t != id))
        {
            if (tag.Name.Length > 32 || !char.IsAsciiLetterOrDigit(tag.Name[0]) || tag.Value.Length == 0)
                return Parsed<MtaStsRecord, PolicyParseError>.Fail(new PolicyParseError(tag.Position, $"'{tag.Name}={tag.Value}' is not a valid extension field"));
        }
        return Parsed<MtaStsRecord, PolicyParseError>.Ok(new MtaStsRecord(text!, id.Value, list.Value.Skip(1).Where(t => t != id).ToList()));
    }
}
