namespace MailScan.Lab.Tests.Hostile;

/// <summary>
/// Each hostile SMTP server of the lab (deploy/lab/LabServers) is the first MX of a domain whose
/// second MX is a good server: the hostile one ends with a clear reason within its timeouts, the
/// scan's memory stays bounded, and the good server is measured as if the other were not there.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileSmtpLabTests(HostileScans scans)
{
    /// <summary>Peak memory of a whole scan: about 120 MiB on the lab; a reply kept in full would show here.</summary>
    private const long MaxPeakKiB = 200 * 1024;

    [Fact]
    public Task A_server_that_never_greets_is_not_testable() =>
        AssertHostileMxAsync("hostile-nobanner.test", "NotTestable", "no SMTP greeting in time");

    [Fact]
    public Task A_greeting_of_one_byte_a_second_ends_at_the_banner_timeout() =>
        AssertHostileMxAsync("hostile-slowbanner.test", "NotTestable", "no SMTP greeting in time");

    [Fact]
    public Task An_endless_multi_line_ehlo_reply_is_cut_off_and_not_testable() =>
        AssertHostileMxAsync("hostile-endless.test", "NotTestable", "replies exceeded 64 KiB");

    [Fact]
    public Task A_greeting_line_of_10_MiB_is_cut_off_and_not_testable() =>
        AssertHostileMxAsync("hostile-hugeline.test", "NotTestable", "reply line longer than 8 KiB");

    [Fact]
    public Task Plain_text_after_starttls_is_a_failed_tls_session() =>
        AssertHostileMxAsync("hostile-plaintls.test", "Failed", "no TLS session can be established");

    [Fact]
    public Task Tls_records_of_random_bytes_are_a_failed_tls_session() =>
        AssertHostileMxAsync("hostile-tlsgarbage.test", "Failed", "no TLS session can be established");

    [Fact]
    public Task A_server_hello_of_16_MiB_is_a_failed_tls_session() =>
        AssertHostileMxAsync("hostile-badhello.test", "Failed", "no TLS session can be established");

    [Fact]
    public Task A_reset_after_ehlo_is_a_dropped_session() =>
        AssertHostileMxAsync("hostile-reset.test", "NotTestable", "dropped the session");

    [Fact]
    public Task A_421_on_connect_is_not_testable_with_the_servers_words() =>
        AssertHostileMxAsync("hostile-421.test", "NotTestable", "refused us for now: 421");

    [Fact]
    public Task Silence_after_the_greeting_is_not_testable_and_says_so() =>
        AssertHostileMxAsync("hostile-silent.test", "NotTestable", "greeted with 220, then silent");

    /// <summary>Before the budget inside TLS this scan peaked at 619 MiB and grew as long as the session's time limit let it.</summary>
    [Fact]
    public async Task An_endless_ehlo_reply_inside_tls_is_cut_off_at_the_byte_budget()
    {
        // The handshake itself succeeded, so the server counts as offering TLS; the session broke off inside it.
        await AssertHostileMxAsync("hostile-tlsreply.test", "Passed", "a TLS session established");
        var scan = await scans.Scan("hostile-tlsreply.test");
        var errors = scan.Report!.Value.GetProperty("probes").EnumerateArray()
            .Where(p => p.GetProperty("kind").GetString() == "smtp.tls" && p.GetProperty("target").GetString()!.Contains("25::42", StringComparison.Ordinal) | p.GetProperty("target").GetString()!.EndsWith(".25.42", StringComparison.Ordinal))
            .Select(p => p.GetProperty("evidence").GetProperty("handshake").GetProperty("error").GetString())
            .ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(BudgetReason, e));
    }

    [Fact]
    public Task An_endless_stream_of_handshake_messages_is_cut_off_at_the_byte_budget() =>
        AssertHostileMxAsync("hostile-tlsflood.test", "Failed", BudgetReason);

    private const string BudgetReason = "the server sent more than 384 KiB after STARTTLS (a TLS handshake or a reply inside TLS that never ends)";

    private async Task AssertHostileMxAsync(string domain, string status, string reason)
    {
        var scan = await scans.Scan(domain);
        Assert.Equal(0, scan.ExitCode);
        Assert.InRange(scan.PeakKiB, 1, MaxPeakKiB);
        var hostile = scan.Servers("mail_starttls_tls_available", $"mx.{domain}");
        Assert.NotEmpty(hostile);
        Assert.All(hostile, s =>
        {
            Assert.Equal(status, s.Status);
            Assert.Contains(reason, s.Reason);
        });
        // The good MX beside it: reached, TLS established, its TLS sub-tests judged.
        var good = scan.Servers("mail_starttls_tls_available", $"good.{domain}");
        Assert.Equal(2, good.Count);
        Assert.All(good, s => Assert.Equal("Passed", s.Status));
        var versions = scan.Servers("mail_starttls_tls_version", $"good.{domain}");
        Assert.NotEmpty(versions);
        Assert.All(versions, s => Assert.Contains("accepted: TLS 1.3", s.Reason));
        Assert.Equal("PASSED", scan.Status("mail_auth_spf_policy"));
    }
}
