using MailScan.Rpki.Rtr;

namespace MailScan.Lab.Tests.Hostile;

/// <summary>
/// A hostile RTR cache as the scanner's VRP source: the RPKI sub-tests say ERROR with the cache's
/// fault (the scanner's own source failed, nothing is known about the domain), the other
/// categories are judged as usual, and memory stays bounded.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileRtrLabTests(HostileScans scans)
{
    [Fact]
    public async Task A_cache_sending_garbage_pdus_is_an_error_naming_the_invalid_pdu()
    {
        var scan = await scans.Scan("hostile-spfbomb.test", rtr: "rtr-garbage");
        AssertRpkiError(scan, "the cache sent an invalid PDU", "the cache sent an invalid PDU");
        Assert.InRange(scan.PeakKiB, 1, 200 * 1024);
    }

    [Fact]
    public async Task A_cache_that_never_ends_its_answer_is_cut_off_at_the_prefix_limit()
    {
        var scan = await scans.Scan("hostile-spfbomb.test", rtr: "rtr-flood");
        // Whichever limit comes first on a loaded machine: the prefix count or the answer's time limit.
        AssertRpkiError(scan, $"more than {RtrClient.MaxPrefixesPerAnswer} prefixes without End of Data", "no End of Data from");
        // Two million prefixes held until the cut: about 500 MiB; without the limit the scan grew past 4 GiB.
        Assert.InRange(scan.PeakKiB, 1, 768 * 1024);
    }

    private static void AssertRpkiError(HostileScan scan, string reason, string otherReason)
    {
        Assert.Equal(0, scan.ExitCode);
        foreach (var id in new[] { "mail_rpki_exists", "mail_rpki_valid", "mail_ns_rpki_exists", "mail_ns_rpki_valid" })
        {
            Assert.True(scan.Status(id) == "ERROR", $"{id}: {scan.Status(id)} {scan.Reason(id)}");
            var text = scan.Reason(id);
            Assert.True(text.Contains(reason, StringComparison.Ordinal) || text.Contains(otherReason, StringComparison.Ordinal), $"{id}: {text}");
        }
        Assert.Equal("PASSED", scan.Status("mail_ipv6_mx_reach"));
        Assert.Equal("PASSED", scan.Status("mail_dnssec_mailto_valid"));
    }
}
