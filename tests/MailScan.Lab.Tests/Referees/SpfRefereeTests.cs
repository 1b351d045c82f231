using System.Net;
using MailScan.Checks.Policy.Spf;

namespace MailScan.Lab.Tests.Referees;

/// <summary>
/// spfquery (Debian spf-tools-perl, Mail::SPF) as referee: for every lab domain of the
/// authenticity category and clients that do and do not match, over IPv4 and IPv6, it must
/// give the result our check_host() gives through the product's resolver.
/// </summary>
public sealed class SpfRefereeTests
{
    private const string Helo = "scanner.lab.test";

    [Fact]
    public async Task Spfquery_gives_our_result_for_every_lab_spf_case()
    {
        var clients = new[] { $"{LabDns.V4Net}.25.1", "192.0.2.99", $"{LabDns.V6Net}:25::1", "2001:db8::99" };
        var cases = LabDns.AuthDomains().SelectMany(d => clients.Select(ip => (Domain: d, Ip: ip))).ToList();
        var evaluator = new SpfEvaluator(new ResolverSpfLookup(LabDns.Resolver()), TimeProvider.System);

        var ours = new List<string>();
        foreach (var (domain, ip) in cases)
        {
            var result = await evaluator.CheckHostAsync(SpfRequest.ForMailFrom(IPAddress.Parse(ip), $"postmaster@{domain}", Helo), CancellationToken.None);
            ours.Add(result.Result.ToString().ToLowerInvariant());
        }
        var theirs = await SpfqueryAsync(cases);

        Assert.Equal(cases.Count, theirs.Count);
        var mismatches = cases.Select((c, i) => (c, i)).Where(x => ours[x.i] != theirs[x.i])
            .Select(x => $"{x.c.Domain} from {x.c.Ip}: ours {ours[x.i]}, spfquery {theirs[x.i]}").ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Superset(new HashSet<string> { "pass", "fail", "softfail", "neutral", "permerror" }, ours.ToHashSet());
    }

    /// <summary>One spfquery process for all cases ("--file -"): one Received-SPF line per case, in order.</summary>
    private static async Task<List<string>> SpfqueryAsync(IReadOnlyList<(string Domain, string Ip)> cases)
    {
        var input = string.Concat(cases.Select(c => $"{c.Ip} postmaster@{c.Domain} {Helo}\n"));
        var (_, stdout, stderr) = await RefereeProcess.RunAsync("spfquery", ["--file", "-"], input,
            new Dictionary<string, string> { ["RES_NAMESERVERS"] = LabEnvironment.ResolverAddress() });
        var results = stdout.Split('\n').Where(l => l.StartsWith("Received-SPF: ", StringComparison.Ordinal))
            .Select(l => l["Received-SPF: ".Length..].Split(' ')[0]).ToList();
        Assert.True(results.Count == cases.Count, $"spfquery gave {results.Count} results for {cases.Count} cases: {stderr}");
        return results;
    }
}
