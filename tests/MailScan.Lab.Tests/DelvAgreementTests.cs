using System.Diagnostics;
using System.Text;
using DnsClient;
using DnsClient.Protocol;
using MailScan.Checks;
using MailScan.Checks.Dnssec;
using MailScan.Cli.Lab;
using MailScan.Dns;
using MailScan.Dns.Dnssec;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MailScan.Lab.Tests;

/// <summary>
/// BIND's delv, given the lab's trust anchor, is the referee: for every lab domain with DNSSEC
/// expectations, each of its MX names, and a few positive, wildcard and NXDOMAIN questions, our
/// validator's status must equal delv's.
/// </summary>
public sealed class DelvAgreementTests(ITestOutputHelper output)
{
    private static readonly (string Name, QueryType Type)[] Extra =
    [
        ("mx1.sec-wildcard.test", QueryType.A),
        ("mx1.bogus-wildcard.test", QueryType.A),
        ("mail.sec-cname.test", QueryType.AAAA),
        ("mail.bogus-cname.test", QueryType.A),
        ("no-such-name.sec-p384.test", QueryType.A),
        ("no-such-name.sec-nsec3.test", QueryType.A),
        ("no-such-name.bogus-nsec3.test", QueryType.A),
        ("deep.no-such-name.sec-optout.test", QueryType.A),
        ("sec-rsa.test", QueryType.MX),
        ("sec-ed25519.test", QueryType.MX),
    ];

    /// <summary>
    /// Where we knowingly differ from delv, with the referee that sides with us: an NXDOMAIN whose
    /// next closer name is covered by an opt-out NSEC3 could hide an unsigned delegation, so it is
    /// insecure (as Unbound answers it: no AD bit); BIND calls it secure. docs/DNSSEC.md explains.
    /// </summary>
    private static readonly Dictionary<(string, QueryType), (string Ours, string Delv)> KnownDifferences = new()
    {
        [("deep.no-such-name.sec-optout.test", QueryType.A)] = ("insecure", "secure"),
    };

    [Fact]
    public async Task Our_status_equals_delvs_on_every_lab_name()
    {
        var options = LabEnvironment.Options();
        await using var services = new ServiceCollection().AddLogging().AddSingleton(Microsoft.Extensions.Options.Options.Create(options)).AddMailScanChecks().BuildServiceProvider();
        var validator = services.GetRequiredService<IValidatingResolver>();
        var dns = services.GetRequiredService<IDnsResolver>();

        var questions = new List<(string Name, QueryType Type)>();
        foreach (var entry in Catalogue.Load(LabEnvironment.CataloguePath).Domains.Where(d => d.Expect.ContainsKey("mail_dnssec")))
        {
            questions.Add((entry.Domain, QueryType.SOA));
            var mx = await dns.QueryAsync(entry.Domain, QueryType.MX, CancellationToken.None);
            questions.AddRange(mx.Records<MxRecord>().Select(r => (r.Exchange.Value.TrimEnd('.'), QueryType.SOA)));
        }
        questions.AddRange(Extra);

        var table = new StringBuilder("| name | type | delv | mailscan | mailscan reason |\n|---|---|---|---|---|\n");
        var mismatches = new List<string>();
        foreach (var (name, type) in questions.Distinct())
        {
            var ours = await validator.QueryAsync(name, type, CancellationToken.None);
            var delv = await DelvAsync(name, type, options.Dns.Resolvers[0]);
            var our = ours.Status.ToString().ToLowerInvariant();
            table.Append($"| {name} | {type} | {delv} | {our} | {ours.Reason?.Replace("|", "/", StringComparison.Ordinal)} |\n");
            if (KnownDifferences.TryGetValue((name, type), out var known))
            {
                if ((known.Ours, known.Delv) != (our, delv))
                    mismatches.Add($"{name} {type}: the known difference changed: delv {delv}, ours {our}");
            }
            else if (delv != our)
                mismatches.Add($"{name} {type}: delv {delv}, ours {our} ({ours.Reason})");
        }
        output.WriteLine(table.ToString());
        Assert.True(questions.Count > 40, $"only {questions.Count} questions: is the catalogue complete?");
        Assert.True(mismatches.Count == 0, "delv disagrees:\n  " + string.Join("\n  ", mismatches));
    }

    /// <summary>delv's verdict in our words: secure, insecure, bogus, or indeterminate when it got no answer.</summary>
    internal static async Task<string> DelvAsync(string name, QueryType type, string resolver)
    {
        var start = new ProcessStartInfo("delv") { RedirectStandardOutput = true, RedirectStandardError = true };
        var host = resolver[..resolver.LastIndexOf(':')];
        foreach (var arg in new[] { $"@{host}", "-a", Path.Combine(LabEnvironment.RepositoryRoot, "deploy/lab/.state/dns/root.anchor.bind"), "+root=.", name, type.ToString() })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
        var text = await stdout + await stderr;
        if (text.Contains("fully validated", StringComparison.Ordinal))
            return "secure";
        if (text.Contains("unsigned answer", StringComparison.Ordinal))
            return "insecure";
        if (text.Contains("resolution failed: failure", StringComparison.Ordinal) || text.Contains("broken trust chain", StringComparison.Ordinal))
            return "bogus";
        return "indeterminate";
    }
}
