using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Checks.Tests.Scanning;

/// <summary>The probe catalogue is the one list: what the services hold, the queue families and the shared host kinds follow from it.</summary>
public sealed class ProbeCatalogTests
{
    [Fact]
    public async Task The_services_hold_exactly_the_catalogued_probes_each_serving_its_declared_kind()
    {
        await using var provider = new ServiceCollection().AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>)).AddMailScanChecks()
            .Configure<MailScanOptions>(o => o.Dns.Resolvers = ["127.0.0.1"])
            .BuildServiceProvider();

        var registered = provider.GetServices<IProbe>().Select(p => $"{p.GetType().Name} {p.Kind}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(ProbeCatalog.All.Select(e => $"{e.Type.Name} {e.Kind.Name}").Order(StringComparer.Ordinal).ToList(), registered);
    }

    [Fact]
    public void Kind_names_are_unique_and_each_family_is_the_first_part_of_its_name()
    {
        var names = ProbeCatalog.All.Select(e => e.Kind.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ProbeCatalog.All, e => Assert.StartsWith(e.Kind.Family, e.Kind.Name, StringComparison.Ordinal));
        Assert.All(ProbeCatalog.All, e => Assert.False(string.IsNullOrWhiteSpace(e.Kind.Description)));
    }

    [Fact]
    public void The_cluster_families_and_the_shared_host_kinds_follow_from_the_declarations()
    {
        Assert.Equal(["dns", "ns", "smtp", "rpki", "https"], ProbeCatalog.Families);
        Assert.Equal(["ns.reach", "rpki.origin", "smtp", "smtp.tls"], ProbeCatalog.PerHostKinds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("dns.servers", "dns")]
    [InlineData("smtp", "smtp")]
    [InlineData("https.mta-sts", "https")]
    public void A_family_is_the_name_up_to_the_first_dot(string name, string family) =>
        Assert.Equal(family, ProbeKind.FamilyOf(name));
}
