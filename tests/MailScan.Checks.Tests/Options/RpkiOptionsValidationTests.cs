using MailScan.Checks.Options;
using MailScan.Rpki;

namespace MailScan.Checks.Tests.Options;

public sealed class RpkiOptionsValidationTests
{
    private static List<string> Errors(Action<RpkiOptions> change)
    {
        var options = new MailScanOptions();
        change(options.Rpki);
        return MailScanOptionsValidator.Errors(options).ToList();
    }

    [Fact]
    public void Only_one_vrp_source_may_be_given()
    {
        var error = Assert.Single(Errors(r => (r.VrpsUrl, r.RtrServer) = ("https://rp.example/vrps.json", "192.0.2.1:323")));
        Assert.Equal("Rpki: give one VRP source, not --vrps-url and --rtr", error);
    }

    [Theory]
    [InlineData("ftp://rp.example/vrps.json")]
    [InlineData("vrps.json")]
    public void A_vrp_url_must_be_http_or_https(string url) =>
        Assert.StartsWith("Rpki:VrpsUrl (--vrps-url)", Assert.Single(Errors(r => r.VrpsUrl = url)));

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("rtr.example:99999")]
    [InlineData("2001:db8::1")]
    [InlineData("[2001:db8::1]")]
    public void An_rtr_server_needs_host_and_port(string server) =>
        Assert.StartsWith("Rpki:RtrServer (--rtr)", Assert.Single(Errors(r => r.RtrServer = server)));

    [Theory]
    [InlineData("192.0.2.1:323")]
    [InlineData("[2001:db8::1]:8282")]
    [InlineData("rtr.example.net:3323")]
    public void Rtr_servers_with_a_port_are_accepted(string server) => Assert.Empty(Errors(r => r.RtrServer = server));

    [Fact]
    public void Versions_intervals_and_timeouts_are_range_checked()
    {
        var errors = Errors(r => (r.RtrVersion, r.RefreshInterval, r.LoadTimeout, r.FetchTimeout) = (2, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromDays(1)));
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Rpki:RtrVersion", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Rpki:RefreshInterval (--vrps-refresh)", StringComparison.Ordinal));
    }
}
