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
        Assert.True(ResolverEndpoint.TryParse(text, out var endpoint, out var error), error);
        Assert.Equal(new ResolverEndpoint(host, port), endpoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:abc")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("not a host")]
    [InlineData("999.1.1.1")]
    public void Malformed_endpoints_are_rejected(string text)
    {
        Assert.False(ResolverEndpoint.TryParse(text, out _, out var error));
        Assert.Contains("HOST[:PORT]", error);
    }
}
