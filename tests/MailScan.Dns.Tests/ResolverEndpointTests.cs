using MailScan.Dns;

namespace MailScan.Dns.Tests;

public sealed class ResolverEndpointTests
{
    [Theory]
    [InlineData("9.9.9.9", "9.9.9.9", 53)]
    [InlineData("127.0.0.1:5353", "127.0.0.1", 5353)]
    [InlineData("[2620:fe::fe]:53", "2620:fe::fe", 53)]
    [InlineData("[::1]", "::1", 53)]
    [InlineData("2620:fe::fe", "2620:fe::fe", 53)]
    [InlineData("resolver.example.nl:8053", "resolver.example.nl", 8053)]
    public void Host_and_port_are_parsed(string text, string host, int port)
    {
        var (endpoint, error) = ResolverEndpoint.Parse(text);
        Assert.Null(error);
        Assert.Equal(new ResolverEndpoint(host, port), endpoint);
    }

    [Theory]
    [InlineData("", ResolverEndpointFault.Empty)]
    [InlineData("1.2.3", ResolverEndpointFault.BadIpv4Address)]
    [InlineData("999.1.1.1", ResolverEndpointFault.BadIpv4Address)]
    [InlineData("127.0.0.1:0", ResolverEndpointFault.BadPort)]
    [InlineData("127.0.0.1:65536", ResolverEndpointFault.BadPort)]
    [InlineData("127.0.0.1:abc", ResolverEndpointFault.BadPort)]
    [InlineData("[::1]:99999", ResolverEndpointFault.BadPort)]
    [InlineData("[::1", ResolverEndpointFault.UnclosedBracket)]
    [InlineData("[::1]x", ResolverEndpointFault.UnclosedBracket)]
    [InlineData("[example.nl]:53", ResolverEndpointFault.BadIpv6Address)]
    [InlineData("2620:fe::zz", ResolverEndpointFault.BadIpv6Address)]
    [InlineData("not a host", ResolverEndpointFault.BadHostName)]
    public void Malformed_endpoints_say_what_is_wrong(string text, ResolverEndpointFault fault)
    {
        var (endpoint, error) = ResolverEndpoint.Parse(text);
        Assert.Null(endpoint);
        Assert.Equal(fault, error!.Fault);
        Assert.Contains("HOST[:PORT]", error.ToString());
    }

    [Fact]
    public void The_message_a_user_reads_names_the_trimmed_text()
    {
        Assert.Equal("'1.2.3' is not HOST[:PORT] (e.g. 9.9.9.9, 127.0.0.1:5353, [2620:fe::fe]:53)", ResolverEndpoint.Parse("  1.2.3 ").Error!.ToString());
    }
}
