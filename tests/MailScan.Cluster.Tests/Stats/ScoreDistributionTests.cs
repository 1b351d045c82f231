using MailScan.Cli.Stats;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cluster.Tests.Stats;

public sealed class ScoreDistributionTests
{
    private static V1.DomainReport Report(int? overall, int? starttls)
    {
        var report = new V1.DomainReport { Domain = "x.nl" };
        if (overall is { } o)
            report.Score = o;
        var category = new V1.CategoryResult { Id = "mail_starttls", Status = V1.Status.Passed };
        if (starttls is { } s)
            category.Score = s;
        report.Categories.Add(category);
        return report;
    }

    [Fact]
    public void Scores_fall_in_deciles_with_a_hundred_apart_and_no_score_counted_apart()
    {
        var distribution = new ScoreDistribution();
        distribution.Add(Report(100, 92));
        distribution.Add(Report(95, null));
        distribution.Add(Report(9, 0));
        distribution.Add(Report(null, null));
        distribution.Add(new V1.DomainReport { Domain = "down.nl", Error = "no DNS answer" });

        var rows = distribution.Rows();
        Assert.Equal(["overall", "mail_starttls"], rows.Select(r => r.Name));
        var overall = rows[0];
        Assert.Equal((3L, 1L), (overall.Scored, overall.Unscored));
        Assert.Equal(68.0, overall.Mean, 3);
        Assert.Equal(100.0 / 3, overall.Percent[0], 3);
        Assert.Equal(100.0 / 3, overall.Percent[9], 3);
        Assert.Equal(100.0 / 3, overall.Percent[10], 3);
        var starttls = rows[1];
        Assert.Equal((2L, 2L), (starttls.Scored, starttls.Unscored));
        Assert.Equal(50.0, starttls.Percent[9], 3);
        Assert.Equal(10, ScoreDistribution.Bin(100));
        Assert.Equal(9, ScoreDistribution.Bin(99));
        Assert.Equal(0, ScoreDistribution.Bin(0));
    }
}
