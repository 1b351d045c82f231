using System.Xml.Linq;
using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;
using MailScan.Tls;
using MailScan.Tls.Enumeration;

namespace MailScan.Lab.Tests;

/// <summary>
/// SSL 2.0 after STARTTLS, with `sslscan --ssl2 --starttls-smtp` as the referee (it speaks SSL 2.0
/// over a raw socket, as we do): the lab's own SSL 2.0 server is found accepting it and fails the
/// version test on it, and servers whose TLS is OpenSSL 3 (Postfix, s_server) are found refusing it.
/// </summary>
public sealed class Ssl2LabTests
{
    [Theory]
    [InlineData("mx-tls-ssl2", true)]
    [InlineData("mx-good", false)]
    [InlineData("mx-tls-legacy", false)]
    [InlineData("mx-tls-reneglimit", false)]
    public async Task Our_ssl2_answer_agrees_with_sslscan(string host, bool accepts)
    {
        var address = LabHosts.V4(host);
        var (exit, xml) = await ExternalTool.RunAsync("sslscan", ["--ssl2", "--starttls-smtp", "--no-colour", "--xml=-", $"{address}:25"]);
        Assert.Equal(0, exit);
        var ssl2 = XDocument.Parse(xml).Descendants("protocol").Single(p => p.Attribute("type")?.Value == "ssl" && p.Attribute("version")?.Value == "2");
        Assert.Equal(accepts, ssl2.Attribute("enabled")!.Value == "1");

        var tls = Assert.IsType<TlsEvaluation>((await StartTlsLabProbe.RunAsync(address, EnumerationMode.Verdict)).Tls);
        Assert.Equal(accepts, tls.Versions.Contains(TlsVersion.Ssl20));
        Assert.Equal(!accepts, tls.VersionsRefused.Contains(TlsVersion.Ssl20));
        Assert.Equal(accepts, tls.Ssl2CipherKinds.Count > 0);
    }

    [Fact]
    public async Task A_server_that_accepts_ssl2_fails_the_version_test_on_ssl2_alone()
    {
        var tls = Assert.IsType<TlsEvaluation>((await StartTlsLabProbe.RunAsync(LabHosts.V4("mx-tls-ssl2"), EnumerationMode.Verdict)).Tls);
        var verdict = TlsServerVerdicts.Version(tls);
        Assert.Equal(TestStatus.Failed, verdict.Status);
        Assert.Contains("insufficient versions accepted: SSL 2.0 (", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(["SSL_CK_RC4_128_WITH_MD5", "SSL_CK_DES_192_EDE3_CBC_WITH_MD5"], tls.Ssl2CipherKinds);
        // The TLS side is the one of its twin without SSL 2.0: TLS 1.3 and 1.2 only.
        Assert.Equal([TlsVersion.Tls13, TlsVersion.Tls12, TlsVersion.Ssl20], tls.Versions);
    }

    [Fact]
    public async Task A_postfix_server_is_reported_as_not_offering_ssl2()
    {
        var tls = Assert.IsType<TlsEvaluation>((await StartTlsLabProbe.RunAsync(LabHosts.V4("mx-tls-modern"), EnumerationMode.Verdict)).Tls);
        Assert.Contains(TlsVersion.Ssl20, tls.VersionsRefused);
        Assert.DoesNotContain(TlsVersion.Ssl20, tls.Versions);
        var verdict = TlsServerVerdicts.Version(tls);
        Assert.Equal(TestStatus.Passed, verdict.Status);
        Assert.DoesNotContain("SSL 2.0", verdict.Reason, StringComparison.Ordinal);
    }
}
