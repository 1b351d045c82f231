using MailScan.Cli.Configuration;

namespace MailScan.Cli.Tests.Configuration;

public sealed class OptionsLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mailscan-options-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Profile(string json)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public void Flags_beat_the_profile_which_beats_the_environment()
    {
        var profile = Profile("""{ "Dns": { "Resolvers": ["192.0.2.1", "192.0.2.2"], "Retries": 3 }, "Smtp": { "Port": 2525 } }""");
        var environment = new Dictionary<string, string?>
        {
            ["MAILSCAN__Dns__Retries"] = "5",
            ["MAILSCAN__Smtp__EhloName"] = "scanner.example.nl",
            ["MAILSCAN__Smtp__Port"] = "26",
        };
        var options = OptionsLoader.Load(new CommandLineSettings { Profile = profile, Resolvers = ["9.9.9.9"] }, environment);

        Assert.Equal(["9.9.9.9"], options.Dns.Resolvers);
        Assert.Equal(3, options.Dns.Retries);
        Assert.Equal(2525, options.Smtp.Port);
        Assert.Equal("scanner.example.nl", options.Smtp.EhloName);
    }

    [Fact]
    public void Environment_variables_set_nested_keys_and_lists()
    {
        var environment = new Dictionary<string, string?>
        {
            ["MAILSCAN__Targets__AllowNetworks__0"] = "127.100.0.0/16",
            ["MAILSCAN__Scan__ProbeTimeout"] = "00:00:30",
        };
        var options = OptionsLoader.Load(new CommandLineSettings(), environment);
        Assert.Equal(["127.100.0.0/16"], options.Targets.AllowNetworks);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Scan.ProbeTimeout);
    }

    [Fact]
    public void The_web_page_is_set_from_a_profile_and_the_environment()
    {
        var profile = Profile("""{ "Web": { "Enabled": true, "StoredReports": 50 } }""");
        var options = OptionsLoader.LoadAll(new CommandLineSettings { Profile = profile }, new Dictionary<string, string?> { ["MAILSCAN__Web__ReportRetention"] = "1.00:00:00" });

        Assert.True(options.Web.Enabled);
        Assert.Equal(50, options.Web.StoredReports);
        Assert.Equal(TimeSpan.FromDays(1), options.Web.ReportRetention);
    }

    [Fact]
    public void An_unknown_key_in_a_profile_is_named()
    {
        var error = Assert.Throws<OptionsLoadException>(() =>
            OptionsLoader.Load(new CommandLineSettings { Profile = Profile("""{ "Dnss": { } }""") }, NoEnvironment));
        Assert.Contains("Dnss", error.Message);
    }

    [Fact]
    public void A_misspelt_setting_inside_a_section_is_named()
    {
        var error = Assert.Throws<OptionsLoadException>(() =>
            OptionsLoader.Load(new CommandLineSettings { Profile = Profile("""{ "Dns": { "Resolver": ["9.9.9.9"] } }""") }, NoEnvironment));
        Assert.Contains("Resolver", error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_rejected_with_its_section()
    {
        var error = Assert.Throws<OptionsLoadException>(() =>
            OptionsLoader.Load(new CommandLineSettings { Profile = Profile("""{ "Dns": { "QueryTimeout": "soon" } }""") }, NoEnvironment));
        Assert.StartsWith("Dns:", error.Message);
    }

    [Fact]
    public void A_missing_or_broken_profile_is_reported()
    {
        Assert.Contains("does not exist", Assert.Throws<OptionsLoadException>(() =>
            OptionsLoader.Load(new CommandLineSettings { Profile = Path.Combine(_dir, "none.json") }, NoEnvironment)).Message);
        Assert.Contains("not valid JSON", Assert.Throws<OptionsLoadException>(() =>
            OptionsLoader.Load(new CommandLineSettings { Profile = Profile("{ \"Dns\": ") }, NoEnvironment)).Message);
    }

    [Fact]
    public void Invalid_flags_are_all_reported_at_once()
    {
        var error = Assert.Throws<OptionsLoadException>(() => OptionsLoader.Load(
            new CommandLineSettings { Resolvers = ["1.2.3"], AllowNetworks = ["10.0.0.0/40"], SmtpPort = 0, DnsTimeoutSeconds = -1 }, NoEnvironment));
        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("--resolver"));
        Assert.Contains(lines, l => l.Contains("--allow-network"));
        Assert.Contains(lines, l => l.Contains("--smtp-port"));
        Assert.Contains(lines, l => l.StartsWith("Dns:QueryTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Api_keys_and_their_quotas_come_from_environment_variables()
    {
        var environment = new Dictionary<string, string?>
        {
            ["MAILSCAN__Access__Keys__0__Name"] = "research",
            ["MAILSCAN__Access__Keys__0__Sha256"] = new string('a', 64),
            ["MAILSCAN__Access__Keys__0__MaxNamesPerDay"] = "5000",
            ["MAILSCAN__Access__Keys__1__Name"] = "ops",
            ["MAILSCAN__Access__Keys__1__Sha256"] = new string('b', 64),
        };
        var options = OptionsLoader.LoadAll(new CommandLineSettings(), environment);

        Assert.Equal(["research", "ops"], options.Access.Keys.Select(k => k.Name));
        Assert.Equal(5000, options.Access.Keys[0].MaxNamesPerDay);
        Assert.Equal(4, options.Access.Keys[1].MaxConcurrentBatches);
    }
}
