using System.Text;
using MailScan.Parsing;
using MailScan.Rpki;

namespace MailScan.Rpki.Tests;

public sealed class VrpJsonParserTests
{
    private static Parsed<VrpDocument, RpkiParseError> Parse(string json) => VrpJsonParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Rpki_client_export_with_numeric_asns_is_read()
    {
        var parsed = Parse("""
            {"metadata":{"buildmachine":"x","buildtime":"2024-05-01T10:00:00Z","roas":2},
             "roas":[{"asn":64496,"prefix":"192.0.2.0/24","maxLength":24,"ta":"ripe","expires":1714600000},
                     {"asn":4294967295,"prefix":"2001:db8::/32","maxLength":48,"ta":"arin","expires":1714600000}],
             "aspas":[{"customer_asid":1,"providers":[2]}]}
            """);
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        Assert.Equal(["192.0.2.0/24-24 AS64496", "2001:db8::/32-48 AS4294967295"], parsed.Value!.Vrps.Select(v => v.ToString()));
        Assert.Equal(DateTimeOffset.Parse("2024-05-01T10:00:00Z"), parsed.Value.GeneratedAt);
    }

    [Fact]
    public void Stayrtr_and_routinator_exports_with_as_strings_are_read()
    {
        var parsed = Parse("""{"metadata":{"counts":1,"generated":1700000000,"valid":1700003600},"roas":[{"prefix":"198.51.100.0/22","maxLength":24,"asn":"AS64511","ta":"lab"}]}""");
        Assert.True(parsed.IsValid);
        var vrp = Assert.Single(parsed.Value!.Vrps);
        Assert.Equal((uint)64511, vrp.Asn);
        Assert.Equal(24, vrp.MaxLength);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), parsed.Value.GeneratedAt);
    }

    [Fact]
    public void A_missing_max_length_means_the_prefix_length()
    {
        var parsed = Parse("""{"roas":[{"prefix":"192.0.2.0/24","asn":"64496"}]}""");
        Assert.Equal(24, Assert.Single(parsed.Value!.Vrps).MaxLength);
    }

    [Theory]
    [InlineData("""{"roas":[{"prefix":"192.0.2.0/24","maxLength":23,"asn":1}]}""", "roas[0]", "maxLength 23")]
    [InlineData("""{"roas":[{"prefix":"192.0.2.0/24","maxLength":33,"asn":1}]}""", "roas[0]", "maxLength 33")]
    [InlineData("""{"roas":[{"asn":1,"prefix":"192.0.2.0/24"},{"prefix":"192.0.2.1/24","asn":1}]}""", "roas[1]", "host bits")]
    [InlineData("""{"roas":[{"prefix":"192.0.2.0/24","asn":"ASX"}]}""", "roas[0]", "not an AS number")]
    [InlineData("""{"roas":[{"prefix":"192.0.2.0/24","asn":4294967296}]}""", "roas[0]", "32-bit")]
    [InlineData("""{"roas":[{"prefix":"192.0.2.0/24"}]}""", "roas[0]", "no \"asn\"")]
    [InlineData("""{"roas":[{"asn":1}]}""", "roas[0]", "no \"prefix\"")]
    [InlineData("""{"roas":[{"prefix":24,"asn":1}]}""", "roas[0]", "prefix")]
    [InlineData("""{"roas":{}}""", "byte", "not an array")]
    [InlineData("""{"metadata":{}}""", "byte 0", "no \"roas\"")]
    [InlineData("""[1,2]""", "byte 0", "not a JSON object")]
    [InlineData("""{"roas":[{"prefix":"192.0.2.0/24","asn":1}""", "line 1", "not valid JSON")]
    [InlineData("""{"roas":[]} {}""", "line 1", "not valid JSON")]
    [InlineData("", "line 1", "not valid JSON")]
    public void Bad_exports_give_an_error_with_position_and_reason(string json, string position, string reason)
    {
        var parsed = Parse(json);
        Assert.False(parsed.IsValid);
        Assert.Contains(position, parsed.Error!.Position);
        Assert.Contains(reason, parsed.Error.Reason);
    }
}
