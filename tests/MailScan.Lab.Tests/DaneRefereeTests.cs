using System.Text.RegularExpressions;
using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;

namespace MailScan.Lab.Tests;

/// <summary>
/// DANE verdicts agree with referees: kdig says whether the TLSA set is DNSSEC-secure (AD from the
/// lab's validating resolver), and `openssl s_client -dane_tlsa_rrdata` whether the server's chain
/// matches the usable records (RFC 7671 checks, done by OpenSSL).
/// </summary>
[Collection(LabCollection.Name)]
public sealed partial class DaneRefereeTests(LabScanner lab)
{
    [Theory]
    [InlineData("dane-ee.test")]
    [InlineData("dane-mismatch.test")]
    [InlineData("dane-ta.test")]
    [InlineData("dane-insecure.test")]
    [InlineData("dane-rollover.test")]
    [InlineData("starttls-good.test")]
    public async Task Dane_verdicts_agree_with_kdig_and_openssl(string domain)
    {
        var mx = $"mx.{domain}";
        var (_, dig) = await ExternalTool.RunAsync("kdig", [$"@{LabEnvironment.ResolverAddress()}", "+dnssec", "TLSA", $"_25._tcp.{mx}"]);
        var secure = AdFlag().IsMatch(dig);
        var usable = TlsaLine().Matches(dig).Select(m => m.Groups[1].Value).Where(r => r[0] is '2' or '3').ToList();
        var refereeExists = secure && usable.Count > 0;
        var refereeValid = refereeExists && await OpenSslVerifiesAsync(mx, usable);

        var report = await lab.ScanAsync(domain);
        var tests = report.Categories.Single(c => c.Id == CategoryIds.StartTls).Tests.ToDictionary(t => t.Id, t => t.Status);
        Assert.Equal(refereeExists ? TestStatus.Passed : TestStatus.Failed, tests[StartTlsSubtestIds.DaneExist]);
        var expectedValid = !refereeExists ? TestStatus.NotTested : refereeValid ? TestStatus.Passed : TestStatus.Failed;
        Assert.Equal(expectedValid, tests[StartTlsSubtestIds.DaneValid]);
    }

    // Every dane-* lab domain (and starttls-good) has its MX on mx-tls-modern (deploy/lab/zones).
    private static async Task<bool> OpenSslVerifiesAsync(string mx, IReadOnlyList<string> records)
    {
        var args = new List<string> { "s_client", "-starttls", "smtp", "-connect", $"{LabHosts.V4("mx-tls-modern")}:25", "-dane_tlsa_domain", mx, "-verify_return_error", "-brief" };
        foreach (var record in records)
            args.AddRange(["-dane_tlsa_rrdata", record]);
        var (exit, _) = await ExternalTool.RunAsync("openssl", args, "QUIT\r\n");
        return exit == 0;
    }

    [GeneratedRegex(@";; Flags:[^;]*\bad\b")]
    private static partial Regex AdFlag();

    [GeneratedRegex(@"\tTLSA\t(\d \d \d [0-9A-Fa-f]+)")]
    private static partial Regex TlsaLine();
}
