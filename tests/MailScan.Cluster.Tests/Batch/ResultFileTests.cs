using MailScan.Cli.Batch;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cluster.Tests.Batch;

public sealed class ResultFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mailscan-results-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_line_cut_by_an_interruption_is_dropped_so_that_domain_is_scanned_again()
    {
        await File.WriteAllTextAsync(_path, "{\"domain\":\"a.nl\"}\n{\"domain\":\"b.nl\"}\n{\"domain\":\"c.");
        var domains = await ResultFile.ReportedDomainsAsync(_path, ResultFormat.Jsonl, CancellationToken.None);
        Assert.Equal(["a.nl", "b.nl"], domains.Order());
        Assert.EndsWith("}\n", await File.ReadAllTextAsync(_path));
    }

    [Fact]
    public async Task Csv_rows_carry_the_scores_and_the_status_of_every_category_and_subtest_under_one_header()
    {
        var failed = new V1.DomainReport { Domain = "down.nl", Error = "no DNS answer, \"really\"" };
        var scanned = new V1.DomainReport { Domain = "up.nl" };
        var category = new V1.CategoryResult { Id = "mail_ipv6", Status = V1.Status.Failed, Score = 60 };
        category.Tests.Add(new V1.SubtestResult { Id = "mail_ipv6_mx_reach", Status = V1.Status.NotTestable });
        scanned.Categories.Add(category);
        await using (var writer = new CsvResultWriter(_path))
        {
            await writer.WriteAsync(failed, CancellationToken.None);
            await writer.WriteAsync(scanned, CancellationToken.None);
        }
        var lines = await File.ReadAllLinesAsync(_path);
        Assert.Equal("domain,error,score,mail_ipv6,mail_ipv6_score,mail_ipv6_mx_reach", lines[0]);
        Assert.Equal("down.nl,\"no DNS answer, \"\"really\"\"\",,,,", lines[1]);
        Assert.Equal("up.nl,,,FAILED,60,NOT_TESTABLE", lines[2]);
        Assert.Equal(["down.nl", "up.nl"], (await ResultFile.ReportedDomainsAsync(_path, ResultFormat.Csv, CancellationToken.None)).Order());
    }

    public void Dispose() => File.Delete(_path);
}
