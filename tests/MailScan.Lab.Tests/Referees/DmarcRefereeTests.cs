using DnsClient;
using DnsClient.Protocol;
using MailScan.Checks.Policy.Dmarc;

namespace MailScan.Lab.Tests.Referees;

/// <summary>
/// opendmarc-check (Debian opendmarc) as referee: for every lab domain with one valid DMARC record
/// of its own, it must read the same policy, subdomain policy, percentage, alignments and report
/// addresses as our parser. It asks the system resolver, so it runs in a mount namespace whose
/// /etc/resolv.conf names the lab resolver.
/// </summary>
public sealed class DmarcRefereeTests
{
    [Fact]
    public async Task Opendmarc_check_reads_the_lab_dmarc_records_as_we_do()
    {
        var dns = LabDns.Resolver();
        var resolvConf = Path.GetTempFileName();
        await File.WriteAllTextAsync(resolvConf, $"nameserver {LabEnvironment.ResolverAddress()}\n");
        var compared = 0;
        var mismatches = new List<string>();
        try
        {
            foreach (var domain in LabDns.AuthDomains())
            {
                var answer = await dns.QueryAsync($"_dmarc.{domain}", QueryType.TXT, CancellationToken.None);
                var records = answer.Records<TxtRecord>().Select(r => string.Concat(r.Text)).Where(DmarcParser.IsDmarcRecord).ToList();
                if (records.Count != 1 || DmarcParser.Parse(records[0]) is not { IsValid: true } parsed)
                    continue;
                var theirs = await OpendmarcAsync(domain, resolvConf);
                var ours = Describe(parsed.Value);
                compared++;
                if (ours != theirs)
                    mismatches.Add($"{domain}:\n  ours:     {ours}\n  opendmarc: {theirs}");
            }
        }
        finally
        {
            File.Delete(resolvConf);
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.True(compared >= 5, $"only {compared} lab domains were compared");
    }

    private static string Describe(DmarcRecord record) => string.Join("; ",
        $"pct {record.Percent}",
        $"adkim {(record.DkimAlignment == 's' ? "strict" : "relaxed")}",
        $"aspf {(record.SpfAlignment == 's' ? "strict" : "relaxed")}",
        $"p {Word(record.Policy)}",
        $"sp {Word(record.SubdomainPolicy)}",
        $"rua {string.Join(",", record.AggregateReports.Select(u => u.Text))}",
        $"ruf {string.Join(",", record.FailureReports.Select(u => u.Text))}");

    private static string Word(DmarcPolicy? policy) => policy?.ToString().ToLowerInvariant() ?? "unspecified";

    /// <summary>The same description from opendmarc-check's report.</summary>
    private static async Task<string> OpendmarcAsync(string domain, string resolvConf)
    {
        var (exit, stdout, stderr) = await RefereeProcess.RunAsync("unshare",
            ["-m", "sh", "-c", $"mount --bind '{resolvConf}' /etc/resolv.conf && exec opendmarc-check '{domain}'"]);
        Assert.True(exit == 0, $"opendmarc-check {domain} exited {exit}: {stderr}");
        var lines = stdout.Split('\n').Select(l => l.Trim()).ToList();
        string Field(string name) => lines.First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
        string Uris(string heading)
        {
            var uris = lines.SkipWhile(l => l != heading + ":").Skip(1).TakeWhile(l => l.Length > 0 && !l.EndsWith(':')).Where(l => l != "(none)");
            return string.Join(",", uris);
        }
        return string.Join("; ",
            $"pct {Field("Sample percentage")}",
            $"adkim {Field("DKIM alignment")}",
            $"aspf {Field("SPF alignment")}",
            $"p {Field("Domain policy")}",
            $"sp {Field("Subdomain policy")}",
            $"rua {Uris("Aggregate report URIs")}",
            $"ruf {Uris("Failure report URIs")}");
    }
}
