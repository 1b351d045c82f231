using MailScan.Checks.Tls.Enumeration;
using MailScan.Checks.Tls.Renegotiation;

namespace MailScan.Lab.Tests;

/// <summary>
/// The renegotiation test completes a real TLS 1.2 handshake with Postfix and reads its encrypted
/// answer: a no_renegotiation alert that decrypts proves the whole key schedule right (a wrong key
/// would end in bad_record_mac or no answer). Postfix refuses client-initiated renegotiation.
/// </summary>
public sealed class ClientRenegotiationLabTests
{
    [Theory]
    [InlineData("mx-tls-modern")]
    [InlineData("mx-tls-weak")]
    [InlineData("mx-good")]
    public async Task Postfix_refuses_client_renegotiation_with_an_alert_we_can_decrypt(string host)
    {
        var result = await RenegotiationAsync(host);
        Assert.False(result.Allowed, result.Detail);
        Assert.Equal(0, result.Completed);
        Assert.Contains("no_renegotiation", result.Detail, StringComparison.Ordinal);
    }

    private static async Task<ClientRenegotiationResult> RenegotiationAsync(string host)
    {
        var evidence = await StartTlsLabProbe.RunAsync(LabHosts.V4(host), EnumerationMode.Verdict);
        return Assert.IsType<ClientRenegotiationResult>(evidence.Tls?.ClientRenegotiation);
    }
}
