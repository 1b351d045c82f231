using MailScan.Cli.Stats;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Tests.Stats;

public sealed class AdoptionTableTests
{
    private static V1.DomainReport Report(string domain, string mxAddress, V1.Status status)
    {
        var report = new V1.DomainReport { Domain = domain, Servers = new V1.MailServers() };
        var mx = new V1.Host { Name = "mx." + domain };
        mx.Ipv4.Add(mxAddress);
        report.Servers.Mx.Add(mx);
        var category = new V1.CategoryResult { Id = "mail_starttls", Status = status };
        category.Tests.Add(new V1.SubtestResult { Id = "mail_starttls_tls_available", Status = status });
        report.Categories.Add(category);
        return report;
    }

    [Fact]
    public void Domains_that_share_mail_servers_count_once_over_mail_servers()
    {
        var table = new AdoptionTable();
        table.Add(Report("a.nl", "192.0.2.1", V1.Status.Passed));
        table.Add(Report("b.nl", "192.0.2.1", V1.Status.Passed));
        table.Add(Report("c.nl", "192.0.2.1", V1.Status.Passed));
        table.Add(Report("d.nl", "192.0.2.9", V1.Status.Failed));
        table.Add(new V1.DomainReport { Domain = "e.nl", Error = "no DNS answer" });

        Assert.Equal((4L, 1L, 2L), (table.Domains, table.Failed, table.UniqueServerSets));
        var domains = table.OverDomains().Single(r => r.Id == "mail_starttls_tls_available");
        Assert.Equal(75.0, domains.Percent("PASSED"), 3);
        var servers = table.OverMailServers().Single(r => r.Id == "mail_starttls_tls_available");
        Assert.Equal(50.0, servers.Percent("PASSED"), 3);
        Assert.Equal(50.0, servers.Percent("FAILED"), 3);
        Assert.True(table.OverDomains()[0].IsCategory);
    }
}
