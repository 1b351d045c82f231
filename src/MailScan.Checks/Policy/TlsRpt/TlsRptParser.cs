using MailScan.Checks.Policy.Dmarc;
using MailScan.Parsing;

namespace MailScan.Checks.Policy.TlsRpt;

/// <summary>
/// Parses TLS-RPT records: "v=TLSRPTv1" first, rua= with one or more mailto: or https: URIs,
/// extensions allowed (RFC 8460 §3). Pure and total.
/// </summary>
public static class TlsRptParser
{
    /// <summary>Whether a TXT record is a TLS-RPT record: it begins with v=TLSRPTv1.</summary>
    public static bool IsTlsRptRecord(string? text) =>
        text is not null && text.StartsWith("v=TLSRPTv1", StringComparison.Ordinal)
        && (text.Length == 10 || text[10] is ';' or ' ' or '\t');

    public static Parsed<TlsRptRecord, PolicyParseError> Parse(string? text)
    {
        if (!IsTlsRptRecord(text))
            return Parsed<TlsRptRecord, PolicyParseError>.Fail(new PolicyParseError(0, "a TLS-RPT record begins with \"v=TLSRPTv1\""));
        var list = TagListParser.Parse(text);
        if (!list.IsValid)
            return Parsed<TlsRptRecord, PolicyParseError>.Fail(list.Error);
        if (list.Value[0].Value != "TLSRPTv1")
            return Parsed<TlsRptRecord, PolicyParseError>.Fail(new PolicyParseError(0, "v=TLSRPTv1 must be followed by ';'"));
        var rua = list.Value.FirstOrDefault(t => t.Name == "rua");
        if (rua is null)
            return Parsed<TlsRptRecord, PolicyParseError>.Fail(new PolicyParseError(text!.Length, "the record has no rua= field"));
        var uris = DmarcUriParser.ParseList(rua.Value, rua.Position + 4);
        if (!uris.IsValid)
            return Parsed<TlsRptRecord, PolicyParseError>.Fail(uris.Error);
        var wrong = uris.Value.Items.FirstOrDefault(u => u.Scheme is not ("mailto" or "https") || u.SizeLimit is not null);
        if (wrong is not null)
            return Parsed<TlsRptRecord, PolicyParseError>.Fail(new PolicyParseError(rua.Position, $"'{wrong.Text}' is not a mailto: or https: address"));
        var extensions = list.Value.Skip(1).Where(t => t != rua).ToList();
        return Parsed<TlsRptRecord, PolicyParseError>.Ok(new TlsRptRecord(text!, uris.Value.Items, extensions));
    }
}
