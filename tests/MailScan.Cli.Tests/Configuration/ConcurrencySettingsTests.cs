using MailScan.Checks.Scanning;
using MailScan.Cli.Configuration;

namespace MailScan.Cli.Tests.Configuration;

/// <summary>Concurrency adapts by default; a count asked for with --concurrency, or adaptation switched off, stays fixed.</summary>
public sealed class ConcurrencySettingsTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public void By_default_the_domain_limit_starts_at_32_and_may_grow_to_its_ceiling()
    {
        var limit = OptionsLoader.Load(new CommandLineSettings(), NoEnvironment).Scan.DomainLimit();
        Assert.Equal(new AdaptiveLimitSettings(32, 4, 1024, 0.8), limit);
    }

    [Fact]
    public void A_count_given_with_the_flag_stays_fixed()
    {
        var options = OptionsLoader.Load(new CommandLineSettings { Concurrency = 8 }, NoEnvironment);
        Assert.Equal(AdaptiveLimitSettings.Fixed(8), options.Scan.DomainLimit());
        Assert.Equal(AdaptiveLimitSettings.Fixed(8), options.Scan.KindLimit(8));
    }

    [Fact]
    public void Adaptation_switched_off_in_the_environment_keeps_the_configured_counts()
    {
        var options = OptionsLoader.Load(new CommandLineSettings(), new Dictionary<string, string?>
        {
            ["MAILSCAN__Scan__AdaptiveConcurrency"] = "false",
            ["MAILSCAN__Scan__DomainConcurrency"] = "64",
        });
        Assert.False(options.Scan.DomainLimit().Adapts);
        Assert.Equal(64, options.Scan.DomainLimit().Initial);
    }
}
