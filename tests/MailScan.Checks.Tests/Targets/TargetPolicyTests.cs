using System.Net;
using MailScan.Checks.Targets;

namespace MailScan.Checks.Tests.Targets;

public sealed class TargetPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.5.4", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "CGNAT")]
    [InlineData("169.254.10.10", "link-local")]
    [InlineData("192.0.2.10", "documentation")]
    [InlineData("198.51.100.1", "documentation")]
    [InlineData("203.0.113.7", "documentation")]
    [InlineData("198.18.0.2", "benchmarking")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("240.1.2.3", "reserved")]
    [InlineData("0.1.2.3", "this network")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fd00:dead::2", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("2001:db8::25", "documentation")]
    [InlineData("3fff::1", "documentation")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1 is private")]
    [InlineData("2001::1", "Teredo")]
    [InlineData("2002:c000:0204::1", "6to4")]
    [InlineData("100::1", "discard")]
    [InlineData("4000::1", "global unicast")]
    public void Special_use_addresses_are_refused_by_default(string address, string reasonPart)
    {
        var decision = TargetPolicy.PublicOnly.Check(IPAddress.Parse(address));
        Assert.False(decision.IsAllowed);
        Assert.StartsWith("address not allowed", decision.Reason);
        Assert.Contains(reasonPart, decision.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("9.9.9.9")]
    [InlineData("145.220.0.10")]
    [InlineData("2a00:1450:4013:c00::1b")]
    [InlineData("2620:fe::fe")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(TargetPolicy.PublicOnly.Check(IPAddress.Parse(address)).IsAllowed);

    [Fact]
    public void An_allowed_network_opens_only_its_own_block()
    {
        var policy = new TargetPolicy([IPNetwork.Parse("127.100.0.0/16"), IPNetwork.Parse("fd00:dead:0::/48")]);
        Assert.True(policy.Check(IPAddress.Parse("127.100.25.1")).IsAllowed);
        Assert.True(policy.Check(IPAddress.Parse("fd00:dead:0:25::1")).IsAllowed);
        Assert.False(policy.Check(IPAddress.Parse("127.0.0.1")).IsAllowed);
        Assert.False(policy.Check(IPAddress.Parse("fd00:dead:1::1")).IsAllowed);
        Assert.False(policy.Check(IPAddress.Parse("10.0.0.1")).IsAllowed);
    }

    [Fact]
    public void An_ipv4_mapped_address_is_judged_as_its_ipv4_address()
    {
        var policy = new TargetPolicy([IPNetwork.Parse("127.100.0.0/16")]);
        Assert.True(policy.Check(IPAddress.Parse("::ffff:127.100.25.1")).IsAllowed);
        Assert.False(TargetPolicy.PublicOnly.Check(IPAddress.Parse("::ffff:127.100.25.1")).IsAllowed);
        Assert.True(TargetPolicy.PublicOnly.Check(IPAddress.Parse("::ffff:9.9.9.9")).IsAllowed);
    }
}
