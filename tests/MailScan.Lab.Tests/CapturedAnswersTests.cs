using System.Text.Json;
using DnsClient;
using MailScan.Checks.Dnssec;
using MailScan.Dns.Dnssec;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Lab.Tests;

/// <summary>
/// The questions whose answers the unit tests replay (tests/MailScan.Dns.Tests/Dnssec/Captured):
/// each validates on the live lab with the status the unit tests expect. With
/// MAILSCAN_CAPTURE=FILE set, the answers (every DS and DNSKEY of the chains too), the lab's trust
/// anchor and the time are written to FILE, which is how the captured file was made.
/// </summary>
public sealed class CapturedAnswersTests
{
    public static readonly (string Name, QueryType Type, DnssecStatus Expected)[] Scenarios =
    [
        ("sec-p384.test", QueryType.SOA, DnssecStatus.Secure),
        ("mx1.sec-p384.test", QueryType.SOA, DnssecStatus.Secure),
        ("mx1.sec-p384.test", QueryType.A, DnssecStatus.Secure),
        ("no-such-name.sec-p384.test", QueryType.A, DnssecStatus.Secure),
        ("sec-nsec3.test", QueryType.SOA, DnssecStatus.Secure),
        ("mx1.sec-nsec3.test", QueryType.SOA, DnssecStatus.Secure),
        ("no-such-name.sec-nsec3.test", QueryType.A, DnssecStatus.Secure),
        ("a.b.no-such-name.sec-nsec3.test", QueryType.A, DnssecStatus.Secure),
        ("mx1.sec-wildcard.test", QueryType.A, DnssecStatus.Secure),
        ("mx1.sec-wildcard.test", QueryType.TXT, DnssecStatus.Secure),
        ("mx1.bogus-wildcard.test", QueryType.A, DnssecStatus.Bogus),
        ("mx1.sec-nsec3-wildcard.test", QueryType.A, DnssecStatus.Secure),
        ("mx1.sec-nsec3-wildcard.test", QueryType.TXT, DnssecStatus.Secure),
        ("mx1.sec-optout.test", QueryType.SOA, DnssecStatus.Secure),
        ("island.sec-optout.test", QueryType.SOA, DnssecStatus.Insecure),
        ("deep.no-such-name.sec-optout.test", QueryType.A, DnssecStatus.Insecure),
        ("mx1.bogus-nsec3.test", QueryType.SOA, DnssecStatus.Bogus),
        ("no-such-name.bogus-nsec3.test", QueryType.A, DnssecStatus.Bogus),
        ("mx1.mail.sec-dname.test", QueryType.SOA, DnssecStatus.Secure),
        ("mx1.mail.sec-dname.test", QueryType.A, DnssecStatus.Secure),
        ("insecure.test", QueryType.SOA, DnssecStatus.Insecure),
        ("bogus-tampered.test", QueryType.SOA, DnssecStatus.Bogus),
        ("bogus-expired.test", QueryType.SOA, DnssecStatus.Bogus),
    ];

    [Fact]
    public async Task Every_replayed_question_validates_live_as_the_unit_tests_expect()
    {
        var options = LabEnvironment.Options();
        var recorder = new RecordingResolver(options.Dns);
        var cache = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        var (anchors, error) = TrustAnchors.Load(options.Dns.TrustAnchorFile);
        Assert.Null(error);
        var validator = new DnssecValidator(recorder, cache, TimeProvider.System, options.Dns, anchors!, NullLogger<DnssecValidator>.Instance);
        var capture = Environment.GetEnvironmentVariable("MAILSCAN_CAPTURE");
        if (capture is { Length: > 0 })
            await FlushResolverAsync();
        var now = DateTimeOffset.UtcNow;

        var results = new List<object>();
        foreach (var (name, type, expected) in Scenarios)
        {
            var validated = await validator.QueryAsync(name, type, CancellationToken.None);
            Assert.True(expected == validated.Status, $"{name} {type}: {validated.Status} ({validated.Reason}), expected {expected}");
            results.Add(new { name, type = type.ToString(), status = validated.Status.ToString(), reason = validated.Reason });
        }

        if (capture is { Length: > 0 } path)
        {
            var written = new
            {
                source = "the lab (deploy/lab/up): Knot DNS behind Unbound, asked with RD, CD, DO and EDNS 1232",
                capturedUnix = now.ToUnixTimeSeconds(),
                captured = now.ToString("u"),
                anchor = File.ReadAllText(options.Dns.TrustAnchorFile!),
                scenarios = results,
                answers = recorder.Recorded.OrderBy(r => r.Key.Name, StringComparer.Ordinal).ThenBy(r => r.Key.Type)
                    .Select(r => new { name = r.Key.Name, type = r.Key.Type, wire = Convert.ToBase64String(r.Value) }),
            };
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(written, new JsonSerializerOptions { WriteIndented = true }));
        }
    }

    /// <summary>Empties Unbound's cache, so captured TTLs are whole (the cache tests need TTLs longer than a minute).</summary>
    private static async Task FlushResolverAsync()
    {
        var config = Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "lab", ".state", "dns", "unbound.conf");
        using var flush = System.Diagnostics.Process.Start("unbound-control", ["-c", config, "flush_zone", "."])!;
        await flush.WaitForExitAsync();
        Assert.Equal(0, flush.ExitCode);
    }
}
