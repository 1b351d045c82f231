using MailScan.Tls.Enumeration;
using MailScan.Tls.Renegotiation;

namespace MailScan.Lab.Tests;

/// <summary>
/// The renegotiation test completes real TLS 1.2 handshakes and reads the encrypted answers: with
/// Postfix a no_renegotiation alert that decrypts proves the first key schedule right (a wrong key
/// would end in bad_record_mac or no answer); with OpenSSL's s_server every completed
/// renegotiation proves the renegotiated key schedule right, and the lab relay that cuts clients off
/// after three shows the count is measured, not assumed.
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

    [Fact]
    public async Task A_server_without_a_limit_completes_every_renegotiation_asked_for_on_one_connection()
    {
        var result = await RenegotiationAsync("mx-tls-reneg");
        Assert.True(result.Allowed, result.Detail);
        Assert.Equal(11, result.Asked);
        Assert.Equal(result.Asked, result.Completed);
        Assert.False(result.CutOff);
    }

    [Fact]
    public async Task A_server_that_cuts_clients_off_after_three_renegotiations_is_measured_at_three()
    {
        var result = await RenegotiationAsync("mx-tls-reneglimit");
        Assert.True(result.Allowed, result.Detail);
        Assert.Equal(3, result.Completed);
        Assert.True(result.CutOff);
    }

    /// <summary>The referee: `openssl s_client -starttls smtp`, told to renegotiate as often as we ask, counts the same.</summary>
    [Theory]
    [InlineData("mx-tls-modern")]
    [InlineData("mx-tls-reneg")]
    [InlineData("mx-tls-reneglimit")]
    public async Task The_renegotiations_completed_agree_with_openssl_s_client(string host)
    {
        var ours = await RenegotiationAsync(host);
        var theirs = await OpenSslRenegotiations.CompletedAsync(LabHosts.V4(host), ours.Asked);
        Assert.Equal(theirs, ours.Completed);
        Assert.Equal(theirs < ours.Asked, ours.CutOff);
    }

    private static async Task<ClientRenegotiationResult> RenegotiationAsync(string host)
    {
        var evidence = await StartTlsLabProbe.RunAsync(LabHosts.V4(host), EnumerationMode.Verdict);
        return Assert.IsType<ClientRenegotiationResult>(evidence.Tls?.ClientRenegotiation);
    }
}
