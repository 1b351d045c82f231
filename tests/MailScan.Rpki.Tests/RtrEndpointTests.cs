namespace MailScan.Rpki.Tests;

public sealed class RtrEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1:8282", "127.0.0.1", 8282)]
    [InlineData(" [2001:db8::1]:323 ", "2001:db8::1", 323)]
    [InlineData("rtr.example.net:3323", "rtr.example.net", 3323)]
    public void Host_and_port_are_read(string text, string host, int port) =>
        Assert.Equal(new RtrEndpoint(host, port), RtrEndpoint.Parse(text).Value);

    [Theory]
    [InlineData("127.0.0.1", RtrEndpointFault.NoPort)]
    [InlineData("2001:db8::1", RtrEndpointFault.NoPort)]
    [InlineData("[2001:db8::1]", RtrEndpointFault.NoPort)]
    [InlineData("", RtrEndpointFault.NoPort)]
    [InlineData(":323", RtrEndpointFault.NoPort)]
    [InlineData("rtr.example:99999", RtrEndpointFault.BadHostOrPort)]
    [InlineData("rtr.example:port", RtrEndpointFault.BadHostOrPort)]
    [InlineData("1.2.3:323", RtrEndpointFault.BadHostOrPort)]
    [InlineData("[2001:db8::zz]:323", RtrEndpointFault.BadHostOrPort)]
    public void A_text_that_is_not_host_and_port_says_what_is_missing(string text, RtrEndpointFault fault)
    {
        var (endpoint, error) = RtrEndpoint.Parse(text);
        Assert.Null(endpoint);
        Assert.Equal(fault, error!.Fault);
        Assert.StartsWith($"'{text.Trim()}' is not HOST:PORT", error.ToString());
    }
}
