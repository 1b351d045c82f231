using MailScan.Dns;
using MailScan.Dns.Dnssec;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Dns.Tests.Dnssec;

/// <summary>Our validator over the captured lab answers, on a clock set to the capture's time.</summary>
internal sealed class CapturedValidator
{
    public CapturedValidator(string scope = "replay", HybridCache? cache = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(LabCapture.Instance.Captured);
        Cache = cache ?? NewCache();
        Dns = new ReplayResolver(LabCapture.Instance.Answers, scope);
        Validator = new DnssecValidator(Dns, Cache, Time, new DnsOptions(), LabCapture.Instance.Anchors, NullLogger<DnssecValidator>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public HybridCache Cache { get; }

    public ReplayResolver Dns { get; }

    public DnssecValidator Validator { get; }

    public static HybridCache NewCache() =>
        new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
}
