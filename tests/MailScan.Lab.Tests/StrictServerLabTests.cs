using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using MailScan.Checks.Options;
using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;
using MailScan.Coordinator.Reports;
using MailScan.Lab.Tests.Support.Cluster;
using MailScan.Tls.Enumeration;
using V1 = MailScan.Contracts.V1;

using Ids = MailScan.Checks.StartTls.StartTlsSubtestIds;

namespace MailScan.Lab.Tests;

/// <summary>
/// Strict mail servers (deploy/lab/hosts.conf: mx-strict-*) are evaluated completely: every
/// sub-test judged from the server's evidence comes out as on the same TLS settings without the
/// limit (mx-strict-ref), and the servers' own logs say how often we hit their limits.
/// </summary>
[Collection(ServerLogCountCollection.Name)]
public sealed class StrictServerLabTests
{
    /// <summary>The product's settings for strict servers, not the lab profile's short retry (1 s, for the hostile servers).</summary>
    private static void BatchSettings(MailScanOptions options)
    {
        options.Smtp.RetryDelay = new SmtpOptions().RetryDelay;
        options.Smtp.StrictServerBudget = TimeSpan.FromMinutes(10);
    }

    [Fact]
    public async Task A_rate_limited_server_is_evaluated_completely_and_rejects_us_at_most_twice()
    {
        var log = new LabServerLog("mx-strict-rate");
        var before = log.Count("limit exceeded");
        var evidence = await StartTlsLabProbe.RunAsync(LabHosts.V4("mx-strict-rate"), EnumerationMode.Verdict, "mx.strict-rate.test", BatchSettings);
        var reference = await StartTlsLabProbe.RunAsync(LabHosts.V4("mx-strict-ref"), EnumerationMode.Verdict, "mx.strict-ref.test", BatchSettings);

        AssertSameVerdicts(reference, evidence);
        Assert.InRange(evidence.PutOffs, 1, 2);
        var rejected = await log.SettledCountAsync("limit exceeded", before + evidence.PutOffs) - before;
        Assert.InRange(rejected, 1, 2);
        Assert.Equal(evidence.PutOffs, rejected);
    }

    [Fact]
    public async Task A_postscreen_server_with_an_8_s_wait_is_evaluated_completely_and_nobody_talks_early()
    {
        var log = new LabServerLog("mx-strict-pregreet");
        var (early, passed) = (log.Count("PREGREET"), log.Count("PASS NEW"));
        var evidence = await StartTlsLabProbe.RunAsync(LabHosts.V4("mx-strict-pregreet"), EnumerationMode.Verdict, "mx.strict-pregreet.test", BatchSettings);
        var reference = await StartTlsLabProbe.RunAsync(LabHosts.V4("mx-strict-ref"), EnumerationMode.Verdict, "mx.strict-ref.test", BatchSettings);

        AssertSameVerdicts(reference, evidence);
        Assert.Equal(0, evidence.PutOffs);
        // Every connection waited for the final 220 and passed postscreen's pregreet test.
        Assert.Equal(evidence.Connections, await log.SettledCountAsync("PASS NEW", passed + evidence.Connections) - passed);
        Assert.Equal(early, log.Count("PREGREET"));
    }

    [Fact]
    public async Task A_greylisting_server_is_waited_out_and_ends_with_the_verdicts_of_its_unlimited_twin()
    {
        // mx-strict-greylist is mx-strict-ref behind a relay that answers 421 for 6 s after a client's first connection.
        var evidence = await StartTlsLabProbe.RunAsync(LabHosts.V4("mx-strict-greylist"), EnumerationMode.Verdict, "mx.strict-ref.test", BatchSettings);
        var reference = await StartTlsLabProbe.RunAsync(LabHosts.V4("mx-strict-ref"), EnumerationMode.Verdict, "mx.strict-ref.test", BatchSettings);

        AssertSameVerdicts(reference, evidence);
        // Put off once at its first connection; the retry 10 s later (Smtp:RetryDelay) is past the 6 s.
        Assert.Equal(1, evidence.PutOffs);
        Assert.Equal("1 connection put off with a 4xx or refused", evidence.StrictNote?.Why);
        Assert.Equal((evidence.Connections, 600d), (evidence.StrictNote!.Connections, evidence.StrictNote.BudgetSeconds));
        Assert.Null(reference.StrictNote);
    }

    [Fact]
    public async Task A_server_that_greets_7_s_late_on_every_connection_is_evaluated_completely_within_the_budget()
    {
        var budget = TimeSpan.FromMinutes(4);
        var evidence = await StartTlsLabProbe.RunAsync(LabHosts.V4("mx-strict-slowgreet"), EnumerationMode.Verdict, "mx.strict-ref.test",
            options => options.Smtp.StrictServerBudget = budget);
        var reference = await StartTlsLabProbe.RunAsync(LabHosts.V4("mx-strict-ref"), EnumerationMode.Verdict, "mx.strict-ref.test", BatchSettings);

        AssertSameVerdicts(reference, evidence);
        Assert.Equal(0, evidence.PutOffs);
        Assert.StartsWith("a greeting after up to 7.", evidence.StrictNote?.Why);
        Assert.InRange(evidence.TotalMilliseconds, evidence.Connections * 7000, budget.TotalMilliseconds);
    }

    [Fact]
    public async Task A_batch_lets_the_other_domains_past_a_domain_that_waits_on_a_strict_server()
    {
        var lab = ClusterLab.Load();
        // One domain at a time: without letting it past, the strict domain first in the input would hold every other one back.
        var path = StrictProfile(profile => profile["Scan"] = new JsonObject { ["DomainConcurrency"] = 1, ["AdaptiveConcurrency"] = false });
        string[] domains = ["strict-pregreet.test", .. lab.Domains.Take(6)];
        var results = new List<V1.BatchResult>();
        ulong mostWaiting = 0;
        await using (var cluster = await LabCluster.StartAsync(lab, workers: 2, profile: path))
        {
            var batch = await BatchClient.SubmitAsync(cluster.Client, domains);
            using var followed = new CancellationTokenSource();
            var watching = Task.Run(async () =>
            {
                while (!followed.IsCancellationRequested)
                {
                    var status = await cluster.Client.GetBatchAsync(new V1.GetBatchRequest { BatchId = batch.BatchId });
                    mostWaiting = Math.Max(mostWaiting, status.WaitingOnStrictServers);
                    await Task.Delay(250);
                }
            });
            await BatchClient.FollowAsync(cluster.Client, batch.BatchId, 0, results);
            await followed.CancelAsync();
            await watching;
            BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());
            var done = await cluster.Client.GetBatchAsync(new V1.GetBatchRequest { BatchId = batch.BatchId });
            Assert.Equal(0ul, done.WaitingOnStrictServers);
        }

        File.Delete(path);
        Assert.Equal("strict-pregreet.test", results[^1].Report.Domain);
        Assert.Equal(1ul, mostWaiting);
        var starttls = results[^1].Report.Categories.Single(c => c.Id == "mail_starttls");
        Assert.All(starttls.Tests, t => Assert.True(t.Status is not (V1.Status.NotTestable or V1.Status.Error), $"{t.Id}: {t.Status} {t.Reason}"));
        // The report says which server was strict, why and how long it took, and that nothing stayed untested.
        var strict = Assert.Single(starttls.StrictServers);
        Assert.StartsWith("a greeting after up to", strict.Why);
        Assert.Empty(strict.NotTestable);
        Assert.EndsWith("; every sub-test was measured.", StrictServerText.Of(strict));
    }

    /// <summary>
    /// A copy of the lab profile with the batch settings for strict servers (the lab profile's short
    /// retry and budget would win over the environment), changed further by <paramref name="change"/>.
    /// </summary>
    private static string StrictProfile(Action<JsonObject>? change = null)
    {
        var profile = JsonNode.Parse(File.ReadAllText(LabEnvironment.ProfilePath))!.AsObject();
        profile["Smtp"]!["RetryDelay"] = new SmtpOptions().RetryDelay.ToString();
        profile["Smtp"]!["StrictServerBudget"] = "00:10:00";
        change?.Invoke(profile);
        var path = Path.Combine(Path.GetTempPath(), $"mailscan-strict-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, profile.ToJsonString());
        return path;
    }

    [Fact]
    public async Task Through_a_coordinator_and_two_workers_a_rate_limited_server_is_evaluated_completely()
    {
        var log = new LabServerLog("mx-strict-rate");
        var before = log.Count("limit exceeded");
        V1.DomainReport? report = null;
        var path = StrictProfile();
        await using (var cluster = await LabCluster.StartAsync(ClusterLab.Load(), workers: 2, profile: path))
        {
            using var call = cluster.Client.ScanDomain(new V1.ScanDomainRequest { Domain = "strict-rate.test" }, deadline: DateTime.UtcNow.AddMinutes(12));
            await foreach (var scanEvent in call.ResponseStream.ReadAllAsync())
                report = scanEvent.Report ?? report;
            Assert.True(report is not null, cluster.Logs());
        }

        File.Delete(path);
        var starttls = report.Categories.Single(c => c.Id == "mail_starttls");
        Assert.Equal(V1.Status.Passed, starttls.Tests.Single(t => t.Id == Ids.Available).Status);
        Assert.All(starttls.Tests, t => Assert.True(t.Status is not (V1.Status.NotTestable or V1.Status.Error), $"{t.Id}: {t.Status} {t.Reason}"));
        Assert.InRange(await log.SettledCountAsync("limit exceeded", before + 1) - before, 0, 2);
    }

    [Fact]
    public async Task In_one_process_a_rate_limited_server_is_evaluated_completely()
    {
        // Embedded (`mailscan scan`): the evaluation waits for the gate away from its kind's slot, and takes one back for each connection.
        var log = new LabServerLog("mx-strict-rate");
        var before = log.Count("limit exceeded");
        var path = StrictProfile();
        var result = await CliProcess.RunAsync(["scan", "strict-rate.test", "--profile", path, "--json"]);
        File.Delete(path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var starttls = json.RootElement.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "mail_starttls");
        var tests = starttls.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal("PASSED", tests.Single(t => t.GetProperty("id").GetString() == Ids.Available).GetProperty("status").GetString());
        Assert.All(tests, t => Assert.True(t.GetProperty("status").GetString() is not ("NOT_TESTABLE" or "ERROR"), t.ToString()));
        Assert.InRange(await log.SettledCountAsync("limit exceeded", before + 1) - before, 0, 2);
    }

    private static void AssertSameVerdicts(StartTlsEvidence expected, StartTlsEvidence actual)
    {
        Assert.Null(actual.StoppedBecause);
        Assert.True(actual.Tls?.Complete, string.Join("; ", actual.Tls?.Notes ?? []));
        var want = Verdicts(expected);
        var got = Verdicts(actual);
        Assert.DoesNotContain(got, v => v.Value is TestStatus.NotTestable or TestStatus.Error);
        Assert.Equal(want, got);
    }

    /// <summary>Every sub-test judged from one server's evidence alone.</summary>
    private static SortedDictionary<string, TestStatus> Verdicts(StartTlsEvidence e)
    {
        var t = e.Tls ?? throw new InvalidOperationException($"{e.Address}: no enumeration ({e.Error})");
        return new(StringComparer.Ordinal)
        {
            [Ids.Available] = TlsServerVerdicts.Available(e).Status,
            [Ids.Version] = TlsServerVerdicts.Version(t).Status,
            [Ids.Ciphers] = TlsServerVerdicts.Ciphers(t).Status,
            [Ids.CipherOrder] = TlsServerVerdicts.CipherOrder(t).Status,
            [Ids.KeyExchange] = TlsServerVerdicts.KeyExchange(t).Status,
            [Ids.KeyExchangeHash] = TlsServerVerdicts.KeyExchangeHash(t).Status,
            [Ids.Compression] = TlsServerVerdicts.Compression(t).Status,
            [Ids.SecureRenegotiation] = TlsServerVerdicts.SecureRenegotiation(t).Status,
            [Ids.ClientRenegotiation] = TlsServerVerdicts.ClientRenegotiation(t).Status,
            [Ids.ExtendedMasterSecret] = TlsServerVerdicts.ExtendedMasterSecret(t).Status,
            [Ids.ZeroRtt] = TlsServerVerdicts.ZeroRtt(t).Status,
            [Ids.CertChain] = CertificateServerVerdicts.Chain(e).Status,
            [Ids.CertPublicKey] = CertificateServerVerdicts.PublicKey(e).Status,
            [Ids.CertSignature] = CertificateServerVerdicts.Signature(e).Status,
            [Ids.CertDomain] = CertificateServerVerdicts.Domain(e, e.ServerName!).Status,
        };
    }
}
