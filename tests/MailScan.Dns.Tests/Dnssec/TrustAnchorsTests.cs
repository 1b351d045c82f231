using MailScan.Dns.Dnssec;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Tests.Dnssec;

/// <summary>A trust anchor file is read whole or refused with its fault, its line and the message an operator reads.</summary>
public sealed class TrustAnchorsTests
{
    private const string RootDs = ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D";

    [Fact]
    public void Ds_and_multi_line_dnskey_records_are_read()
    {
        var anchors = TrustAnchors.Parse($"; lab anchors\n{RootDs}\nexample. 3600 IN DNSKEY 257 3 13 (\n  AQID\n  BA== ) ; key\n").Value!;
        Assert.NotNull(anchors.For(DnsName.Root));
        Assert.Equal(DnsName.Parse("example"), anchors.ClosestAnchor(DnsName.Parse("www.example")));
    }

    [Theory]
    [InlineData("", TrustAnchorFault.Empty, 0, "no records")]
    [InlineData("; only a comment\n\n", TrustAnchorFault.Empty, 0, "no records")]
    [InlineData("a..b IN DS 1 8 2 AA", TrustAnchorFault.BadOwner, 1, "line 1: 'a..b' is not a domain name")]
    [InlineData("; c\nexample. 3600 IN", TrustAnchorFault.NoRecordType, 2, "line 2: no record type")]
    [InlineData("example. IN A 192.0.2.1", TrustAnchorFault.NotAnAnchor, 1, "line 1: expected a DS or DNSKEY record, got 'example. IN A 192.0.2.1'")]
    [InlineData("example. IN DS 1 8 2 XYZ", TrustAnchorFault.NotAnAnchor, 1, "line 1: expected a DS or DNSKEY record, got 'example. IN DS 1 8 2 XYZ'")]
    [InlineData("example. IN DS 1 300 2 AA", TrustAnchorFault.NotAnAnchor, 1, "line 1: expected a DS or DNSKEY record, got 'example. IN DS 1 300 2 AA'")]
    [InlineData("example. IN DS 1 8", TrustAnchorFault.NotAnAnchor, 1, "line 1: expected a DS or DNSKEY record, got 'example. IN DS 1 8'")]
    [InlineData("example. IN DNSKEY 257 3 13 !!!", TrustAnchorFault.NotAnAnchor, 1, "line 1: expected a DS or DNSKEY record, got 'example. IN DNSKEY 257 3 13 !!!'")]
    public void A_broken_file_is_refused_with_its_fault_and_line(string text, TrustAnchorFault fault, int line, string message)
    {
        var (anchors, error) = TrustAnchors.Parse(text);
        Assert.Null(anchors);
        Assert.Equal((fault, line), (error!.Fault, error.Line));
        Assert.Equal(message, error.ToString());
    }

    [Fact]
    public void The_first_broken_record_is_named_by_the_line_it_starts_on()
    {
        var error = TrustAnchors.Parse($"{RootDs}\nexample. IN DNSKEY (\n 257 3 13 )\nbad..name DS 1 8 2 AA").Error!;
        Assert.Equal(TrustAnchorFault.NotAnAnchor, error.Fault);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Loading_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"anchors-{Guid.NewGuid():N}.key");
        File.WriteAllText(path, $"{RootDs}\nexample. IN A 192.0.2.1\n");
        try
        {
            var error = TrustAnchors.Load(path).Error!;
            Assert.Equal(TrustAnchorFault.NotAnAnchor, error.Fault);
            Assert.Equal($"trust anchor file '{path}': line 2: expected a DS or DNSKEY record, got 'example. IN A 192.0.2.1'", error.ToString());
            File.WriteAllText(path, RootDs);
            Assert.Equal(path, TrustAnchors.Load(path).Value!.Source);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_unreadable_and_no_path_means_the_iana_anchors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "root.key");
        var error = TrustAnchors.Load(path).Error!;
        Assert.Equal(TrustAnchorFault.Unreadable, error.Fault);
        Assert.StartsWith($"trust anchor file '{path}' cannot be read: ", error.ToString(), StringComparison.Ordinal);
        Assert.Same(TrustAnchors.Default, TrustAnchors.Load(null).Value);
    }
}
