using MailScan.Coordinator.Web;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests.Web;

/// <summary>The permalinks' store: unguessable ids, the newest reports kept, the oldest forgotten first.</summary>
public sealed class MemoryReportArchiveTests
{
    [Fact]
    public async Task Past_its_capacity_the_oldest_report_is_forgotten_and_the_newer_ones_stay()
    {
        var archive = new MemoryReportArchive(Microsoft.Extensions.Options.Options.Create(new WebOptions { StoredReports = 2 }));

        var ids = new List<string>();
        foreach (var domain in new[] { "a.example", "b.example", "c.example" })
            ids.Add(await archive.KeepAsync(new V1.DomainReport { Domain = domain }, CancellationToken.None));

        Assert.Null(await archive.FindAsync(ids[0], CancellationToken.None));
        Assert.Equal("b.example", (await archive.FindAsync(ids[1], CancellationToken.None))?.Domain);
        Assert.Equal("c.example", (await archive.FindAsync(ids[2], CancellationToken.None))?.Domain);
    }

    [Fact]
    public async Task Ids_are_128_random_bits_in_hex()
    {
        var archive = new MemoryReportArchive(Microsoft.Extensions.Options.Options.Create(new WebOptions()));

        var ids = new List<string>();
        for (var i = 0; i < 100; i++)
            ids.Add(await archive.KeepAsync(new V1.DomainReport(), CancellationToken.None));

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(100, ids.Distinct().Count());
    }
}
