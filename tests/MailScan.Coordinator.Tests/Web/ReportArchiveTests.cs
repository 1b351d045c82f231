using MailScan.Checks.Options;
using MailScan.Coordinator.Web;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests.Web;

/// <summary>The permalinks' store: unguessable ids, the newest reports kept, the oldest forgotten first.</summary>
public sealed class ReportArchiveTests
{
    [Fact]
    public void Past_its_capacity_the_oldest_report_is_forgotten_and_the_newer_ones_stay()
    {
        var options = new MailScanOptions();
        options.Web.StoredReports = 2;
        var archive = new ReportArchive(Microsoft.Extensions.Options.Options.Create(options));

        var ids = new[] { "a.example", "b.example", "c.example" }.Select(d => archive.Keep(new V1.DomainReport { Domain = d })).ToList();

        Assert.Null(archive.Find(ids[0]));
        Assert.Equal("b.example", archive.Find(ids[1])?.Domain);
        Assert.Equal("c.example", archive.Find(ids[2])?.Domain);
    }

    [Fact]
    public void Ids_are_128_random_bits_in_hex()
    {
        var archive = new ReportArchive(Microsoft.Extensions.Options.Options.Create(new MailScanOptions()));

        var ids = Enumerable.Range(0, 100).Select(_ => archive.Keep(new V1.DomainReport())).ToList();

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(100, ids.Distinct().Count());
    }
}
