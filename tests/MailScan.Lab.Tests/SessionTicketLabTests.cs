using MailScan.Tls.EarlyData;
using MailScan.Tls.Enumeration;

namespace MailScan.Lab.Tests;

/// <summary>
/// The 0-RTT evidence completes a real TLS 1.3 handshake (both Finished messages verify, or no
/// ticket could be decrypted) and reads the server's session ticket: `openssl s_server
/// -max_early_data 16384` (the lab's OpenSSL mail servers) allows early data, Postfix does not;
/// `openssl s_client` and `sess_id` read the same from their own ticket.
/// </summary>
public sealed class SessionTicketLabTests
{
    [Fact]
    public async Task An_openssl_server_with_max_early_data_issues_tickets_that_allow_it()
    {
        var result = await EarlyDataAsync("mx-tls-reneg");
        Assert.True(result.AllowsEarlyData, result.Detail);
        Assert.Equal(16384u, result.MaxEarlyDataSize);
        Assert.True(result.TicketLifetime > 0);
    }

    [Theory]
    [InlineData("mx-tls-modern")]
    [InlineData("mx-good")]
    public async Task Postfix_issues_tickets_without_early_data(string host)
    {
        var result = await EarlyDataAsync(host);
        Assert.False(result.AllowsEarlyData, result.Detail);
        Assert.Null(result.MaxEarlyDataSize);
        Assert.True(result.TicketLifetime > 0, result.Detail);
    }

    [Fact]
    public async Task A_server_without_tls13_is_not_asked_for_a_ticket()
    {
        var evidence = await StartTlsLabProbe.RunAsync(LabHosts.V4("mx-tls-legacy"), EnumerationMode.Verdict);
        Assert.DoesNotContain(MailScan.Tls.TlsVersion.Tls13, evidence.Tls!.Versions);
        Assert.Null(evidence.Tls.EarlyData);
    }

    [Theory]
    [InlineData("mx-tls-reneg")]
    [InlineData("mx-tls-modern")]
    public async Task The_max_early_data_size_agrees_with_openssl_s_client(string host)
    {
        var ours = await EarlyDataAsync(host);
        var theirs = await OpenSslSessionTicket.MaxEarlyDataAsync(LabHosts.V4(host));
        Assert.NotNull(theirs);
        Assert.Equal(theirs, ours.MaxEarlyDataSize ?? 0u);
    }

    private static async Task<EarlyDataResult> EarlyDataAsync(string host)
    {
        var evidence = await StartTlsLabProbe.RunAsync(LabHosts.V4(host), EnumerationMode.Verdict);
        return Assert.IsType<EarlyDataResult>(evidence.Tls?.EarlyData);
    }
}
