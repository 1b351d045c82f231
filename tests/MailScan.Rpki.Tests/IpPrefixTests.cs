using System.Net;
using MailScan.Rpki;

namespace MailScan.Rpki.Tests;

public sealed class IpPrefixTests
{
    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:DB8::/32", "2001:db8::/32")]
    [InlineData("2001:db8:0:0::/64", "2001:db8::/64")]
    [InlineData("::/0", "::/0")]
    [InlineData("10.1.2.3/32", "10.1.2.3/32")]
    public void Prefixes_parse_and_print_canonically(string text, string canonical) =>
        Assert.Equal(canonical, IpPrefix.Parse(text).ToString());

    [Theory]
    [InlineData("192.0.2.1/24", "host bits")]
    [InlineData("192.0.2.0/33", "prefix length")]
    [InlineData("192.0.2.0", "ADDRESS/LENGTH")]
    [InlineData("192.0.2.0/", "prefix length")]
    [InlineData("192.0.2.0/-1", "prefix length")]
    [InlineData("2001:db8::/129", "prefix length")]
    [InlineData("fe80::1%eth0/128", "not an IP address")]
    [InlineData("example/24", "not an IP address")]
    public void Bad_prefixes_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(IpPrefix.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void An_address_is_cut_to_its_prefix()
    {
        Assert.Equal("192.0.2.0/24", IpPrefix.Of(IPAddress.Parse("192.0.2.77"), 24).ToString());
        Assert.Equal("2001:db8:1::/48", IpPrefix.Of(IPAddress.Parse("2001:db8:1:2::3"), 48).ToString());
        Assert.Equal("192.0.2.7/32", IpPrefix.Host(IPAddress.Parse("::ffff:192.0.2.7")).ToString());
    }

    [Fact]
    public void Covering_needs_same_family_shorter_length_and_equal_leading_bits()
    {
        var net = IpPrefix.Parse("192.0.2.0/23");
        Assert.True(net.Covers(IpPrefix.Parse("192.0.3.0/24")));
        Assert.True(net.Covers(net));
        Assert.False(net.Covers(IpPrefix.Parse("192.0.4.0/24")));
        Assert.False(net.Covers(IpPrefix.Parse("192.0.0.0/22")));
        Assert.False(IpPrefix.Parse("0.0.0.0/0").Covers(IpPrefix.Parse("::/0")));
        Assert.True(net.Contains(IPAddress.Parse("192.0.3.255")));
    }
}
