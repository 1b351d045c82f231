using MailScan.Dns;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Tests;

public sealed class CnameLoopTests
{
    private static WireRecord Cname(string owner, string target) =>
        new(DnsName.Parse(owner), DnsRecordType.CNAME, 1, 300, DnsName.Parse(target).ToWire(canonical: false));

    [Fact]
    public void A_chain_that_comes_back_is_a_loop_named_in_full()
    {
        var loop = CnameLoop.Find(DnsName.Parse("example.nl"), [Cname("example.nl", "a.example.nl"), Cname("A.example.nl", "example.nl")]);
        Assert.Equal("example.nl -> a.example.nl -> example.nl", loop);
    }

    [Fact]
    public void A_chain_that_ends_is_no_loop()
    {
        var answers = new[] { Cname("www.example.nl", "web.example.nl"), Cname("web.example.nl", "cdn.example.net"), new WireRecord(DnsName.Parse("cdn.example.net"), DnsRecordType.A, 1, 300, [192, 0, 2, 1]) };
        Assert.Null(CnameLoop.Find(DnsName.Parse("www.example.nl"), answers));
        Assert.Null(CnameLoop.Find(DnsName.Parse("example.nl"), []));
    }

    [Fact]
    public void A_name_that_points_at_itself_is_a_loop()
    {
        Assert.Equal("x.example.nl -> x.example.nl", CnameLoop.Find(DnsName.Parse("x.example.nl"), [Cname("x.example.nl", "x.example.nl")]));
    }
}
