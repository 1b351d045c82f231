using MailScan.Cli.Configuration;
using MailScan.Redis;
using MailScan.Redis.Hosting;
using MailScan.Worker;

namespace MailScan.Cli.Tests.Configuration;

/// <summary>Credentials come from the environment or a profile, never from a flag, and no error or start line repeats them.</summary>
public sealed class CredentialSettingsTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Theory]
    [InlineData("rabbitmq://scanner:s3cret-pw@10.0.0.5:5672/", null, "--rabbitmq")]
    [InlineData(null, "10.0.0.6:6379,password=s3cret-pw", "--redis")]
    [InlineData(null, "rediss://scanner:s3cret-pw@10.0.0.6:6380", "--redis")]
    public void A_password_in_a_flag_is_refused_without_being_repeated(string? rabbitMq, string? redis, string flag)
    {
        var refused = Assert.Throws<OptionsLoadException>(() => OptionsLoader.Load(new CommandLineSettings { RabbitMq = rabbitMq, Redis = redis }, NoEnvironment));
        Assert.Contains($"{flag}: the", refused.Message);
        Assert.Contains("MAILSCAN__Cluster__", refused.Message);
        Assert.DoesNotContain("s3cret-pw", refused.Message);
    }

    [Fact]
    public void The_same_settings_from_the_environment_and_flags_without_passwords_are_taken()
    {
        var options = OptionsLoader.LoadAll(new CommandLineSettings { RabbitMq = "rabbitmq://10.0.0.5:5672/", Redis = "10.0.0.6:6379,ssl=true" }, NoEnvironment);
        Assert.Equal("10.0.0.6:6379,ssl=true", options.Cluster.Redis);
        var fromEnvironment = OptionsLoader.LoadAll(new CommandLineSettings(), new Dictionary<string, string?>
        {
            ["MAILSCAN__Cluster__RabbitMq"] = "amqps://scanner:s3cret-pw@10.0.0.5/",
            ["MAILSCAN__Cluster__Redis"] = "rediss://scanner:s3cret-pw@10.0.0.6:6380",
        });
        Assert.Equal("amqps://scanner:s3cret-pw@10.0.0.5/", fromEnvironment.Cluster.RabbitMq);
    }

    [Fact]
    public void An_invalid_rabbitmq_url_is_named_without_its_value()
    {
        var errors = new MailScanSettings { Cluster = { RabbitMq = "http://scanner:s3cret-pw@10.0.0.5/" } }.Errors().ToList();
        var error = Assert.Single(errors, e => e.StartsWith("Cluster:RabbitMq", StringComparison.Ordinal));
        Assert.DoesNotContain("s3cret-pw", error);
    }

    [Theory]
    [InlineData("rabbitmq://scanner:s3cret-pw@10.0.0.5:5672/", "rabbitmq://10.0.0.5:5672")]
    [InlineData("amqps://scanner:s3cret-pw@broker.example.org/", "amqps://broker.example.org")]
    public void A_rabbitmq_url_is_shown_by_its_host_alone(string url, string shown) =>
        Assert.Equal(shown, ConnectionSecrets.RabbitMqEndpoint(url));

    [Theory]
    [InlineData("10.0.0.6:6379,user=scanner,password=s3cret-pw", "10.0.0.6:6379")]
    [InlineData("password=s3cret-pw,10.0.0.6:6379", "10.0.0.6:6379")]
    [InlineData("rediss://scanner:s3cret-pw@10.0.0.6:6380", "rediss://10.0.0.6:6380")]
    public void A_redis_setting_is_shown_by_its_first_endpoint_alone(string redis, string shown) =>
        Assert.Equal(shown, ConnectionSecrets.RedisEndpoint(redis));

    [Fact]
    public void A_rediss_url_gives_tls_the_acl_user_and_the_password()
    {
        var configuration = RedisConnectionSettings.From(new ClusterOptions { Redis = "rediss://scanner:s%40cret@redis.example.org:6380/2" });
        Assert.True(configuration.Ssl);
        Assert.Equal("redis.example.org", configuration.SslHost);
        Assert.Equal(("scanner", "s@cret"), (configuration.User, configuration.Password));
        Assert.Equal(2, configuration.DefaultDatabase);
        Assert.EndsWith("redis.example.org:6380", Assert.Single(configuration.EndPoints).ToString(), StringComparison.Ordinal);
        var requirePass = RedisConnectionSettings.From(new ClusterOptions { Redis = "redis://:pw@10.0.0.6" });
        Assert.Equal((null, "pw", false), (requirePass.User, requirePass.Password, requirePass.Ssl));
    }

    [Fact]
    public void An_amqps_url_turns_tls_on_at_port_5671()
    {
        var (host, user, password, tls) = RabbitMqAddress.Parse("amqps://scanner:pw@broker.example.org/scans");
        Assert.True(tls);
        Assert.Equal("rabbitmqs://broker.example.org:5671/scans", host.ToString());
        Assert.Equal(("scanner", "pw"), (user, password));
        Assert.False(RabbitMqAddress.Parse("rabbitmq://broker.example.org/").Tls);
    }
}
