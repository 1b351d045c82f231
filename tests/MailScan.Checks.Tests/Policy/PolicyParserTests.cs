using MailScan.Checks.Policy.Dkim;
using MailScan.Checks.Policy.Dmarc;
using MailScan.Checks.Policy.MtaSts;
using MailScan.Checks.Policy.Psl;
using MailScan.Checks.Policy.Spf;
using MailScan.Checks.Policy.TlsRpt;

namespace MailScan.Checks.Tests.Policy;

public sealed class PolicyParserTests
{
    private static readonly PublicSuffixList Psl = PublicSuffixList.Parse("// test list\ncom\nuk\nco.uk\n*.kawasaki.jp\n!city.kawasaki.jp\njp\n公司.cn\ncn\n");

    [Theory]
    [InlineData("www.example.co.uk", "example.co.uk")]
    [InlineData("co.uk", "co.uk")]
    [InlineData("a.b.c.kawasaki.jp", "b.c.kawasaki.jp")]
    [InlineData("www.city.kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("mail.shop.xn--55qx5d.cn", "shop.xn--55qx5d.cn")]
    [InlineData("sub.lab.test", "lab.test")]
    [InlineData("Sub.Example.COM.", "example.com")]
    public void Organisational_domain_follows_the_public_suffix_algorithm(string domain, string organisational) =>
        Assert.Equal(organisational, Psl.OrganisationalDomain(domain));

    [Fact]
    public void The_built_in_public_suffix_list_is_complete_enough_to_know_co_uk() =>
        Assert.Equal("example.co.uk", PublicSuffixList.BuiltIn().OrganisationalDomain("mail.example.co.uk"));

    [Fact]
    public void Spf_syntax_error_names_the_position_and_the_reason()
    {
        var result = SpfParser.Parse("v=spf1 mx ip4:192.0.2.300 -all");
        Assert.False(result.IsValid);
        Assert.Equal(14, result.Error.Position);
        Assert.Contains("192.0.2.300", result.Error.Reason);
    }

    [Fact]
    public void Spf_dual_cidr_lengths_are_parsed_for_a_and_mx()
    {
        var record = SpfParser.Parse("v=spf1 a:mail.example.com/24//64 mx//48 -all").Value!;
        Assert.Equal((24, 64), (record.Mechanisms[0].Ip4Prefix, record.Mechanisms[0].Ip6Prefix));
        Assert.Equal((32, 48), (record.Mechanisms[1].Ip4Prefix, record.Mechanisms[1].Ip6Prefix));
    }

    [Theory]
    [InlineData("v=spf1 redirect=a.example.com redirect=b.example.com")]
    [InlineData("v=spf1 ip4:1.2.3.4/032")]
    [InlineData("v=spf1 a:museum")]
    [InlineData("v=spf1 exists:%{z}.example.com")]
    [InlineData("v=spf1 include:%{d0}.example.com")]
    public void Invalid_spf_records_are_refused(string text) => Assert.False(SpfParser.Parse(text).IsValid);

    [Fact]
    public void Dmarc_record_with_every_tag_parses_with_its_values()
    {
        var record = DmarcParser.Parse("v=DMARC1; p=quarantine; sp=reject; pct=20; t=y; adkim=s; rua=mailto:a@example.net!10m, mailto:b@example.org; x-new=1").Value!;
        Assert.Equal(DmarcPolicy.Quarantine, record.Policy);
        Assert.Equal(DmarcPolicy.Reject, record.SubdomainPolicy);
        Assert.Equal(20, record.Percent);
        Assert.True(record.TestMode);
        Assert.Equal('s', record.DkimAlignment);
        Assert.Equal(["example.net", "example.org"], record.AggregateReports.Select(u => u.Host));
        Assert.Equal("10m", record.AggregateReports[0].SizeLimit);
        Assert.Equal(["x-new"], record.UnknownTags);
    }

    [Theory]
    [InlineData("v=DMARC1; p=reject; p=none", "more than once")]
    [InlineData("v=DMARC1; p=reject; rua=reports@example.com", "not a URI")]
    [InlineData("v=DMARC1; p=reject; pct=101", "pct")]
    [InlineData("v=DMARC1 p=reject", "DMARC1")]
    public void Invalid_dmarc_records_say_why(string text, string reason)
    {
        var result = DmarcParser.Parse(text);
        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Error.Reason);
    }

    [Theory]
    [InlineData("v=DMARC1; p=reject", true)]
    [InlineData("v = DMARC1;p=reject", true)]
    [InlineData("v=dmarc1; p=reject", false)]
    [InlineData("p=reject; v=DMARC1", false)]
    [InlineData("v=DMARC10; p=reject", false)]
    public void Only_records_that_start_with_v_DMARC1_are_dmarc_records(string text, bool expected) =>
        Assert.Equal(expected, DmarcParser.IsDmarcRecord(text));

    [Fact]
    public void Dkim_key_sizes_are_read_from_the_key()
    {
        var ed = DkimKeyParser.Parse("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=").Value!;
        Assert.Equal(("ed25519", 256), (ed.KeyType, ed.KeyBits!.Value));
        Assert.True(DkimKeyParser.Parse("v=DKIM1; p=").Value!.Revoked);
        Assert.False(DkimKeyParser.Parse("v=DKIM1; k=rsa; p=AAAA").IsValid);
    }

    [Fact]
    public void Mta_sts_wildcards_cover_exactly_one_label()
    {
        var policy = MtaStsPolicyParser.Parse("version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 86400\n").Value!;
        Assert.True(policy.Covers("mx1.example.com"));
        Assert.False(policy.Covers("a.mx1.example.com"));
        Assert.False(policy.Covers("example.com"));
    }

    [Theory]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 86400\n", "mx")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 31557601\n", "max_age")]
    [InlineData("version: STSv1\nmode: strict\nmx: a.example.com\nmax_age: 1\n", "mode")]
    public void Invalid_mta_sts_policies_say_why(string text, string reason) =>
        Assert.Contains(reason, MtaStsPolicyParser.Parse(text).Error!.Reason);

    [Fact]
    public void Tls_rpt_accepts_mailto_and_https_only()
    {
        Assert.Equal(2, TlsRptParser.Parse("v=TLSRPTv1; rua=mailto:a@example.com,https://r.example.com/x").Value!.Destinations.Count);
        Assert.False(TlsRptParser.Parse("v=TLSRPTv1; rua=ftp://r.example.com").IsValid);
        Assert.False(TlsRptParser.Parse("v=TLSRPTv1;").IsValid);
    }
}
