using System.Security.Authentication;
using MailScan.Tls;

namespace MailScan.Tls.Tests;

public sealed class TlsVersionNamesTests
{
    [Theory]
    [InlineData(SslProtocols.Tls13, "TLS 1.3")]
    [InlineData(SslProtocols.Tls12, "TLS 1.2")]
    [InlineData((SslProtocols)0x0300, "TLS 1.1")]
    [InlineData((SslProtocols)0x00C0, "TLS 1.0")]
    public void The_standard_sessions_version_is_spelt_as_reports_spell_it(SslProtocols protocol, string expected)
    {
        Assert.Equal(expected, TlsVersionNames.Of(protocol));
    }
}
