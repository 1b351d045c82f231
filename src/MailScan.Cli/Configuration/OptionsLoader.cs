using System.Text.Json;
using MailScan.Checks.Options;
using Microsoft.Extensions.Configuration;

namespace MailScan.Cli.Configuration;

/// <summary>
/// Builds the one options model from appsettings.json, MAILSCAN__* environment variables, a
/// --profile file and flags, in rising precedence; rejects anything invalid with every reason.
/// </summary>
internal static class OptionsLoader
{
    private static readonly string[] Sections = ["Dns", "Targets", "Smtp", "Tls", "Rpki", "Scan", "Auth", "Cluster", "Telemetry", "Access", "Web"];
    private static readonly HashSet<string> KnownTopLevel = [.. Sections, "Logging"];

    /// <summary>The scanner's settings alone (<see cref="LoadAll"/>, for tools that start no host).</summary>
    /// <exception cref="OptionsLoadException">The settings are invalid.</exception>
    public static MailScanOptions Load(CommandLineSettings flags, IDictionary<string, string?>? environment = null) =>
        LoadAll(flags, environment).Scanner;

    /// <exception cref="OptionsLoadException">The settings are invalid.</exception>
    public static MailScanSettings LoadAll(CommandLineSettings flags, IDictionary<string, string?>? environment = null)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        if (environment is null)
            builder.AddEnvironmentVariables("MAILSCAN__");
        else
            builder.AddInMemoryCollection(FromEnvironment(environment));
        if (flags.Profile is { } profile)
        {
            CheckProfile(profile);
            builder.AddJsonFile(Path.GetFullPath(profile), optional: false);
        }

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or JsonException or IOException)
        {
            throw new OptionsLoadException($"could not read the settings: {ex.Message}");
        }

        var settings = new MailScanSettings();
        var options = settings.Scanner;
        var errors = new List<string>();
        foreach (var section in Sections)
        {
            var target = section switch
            {
                "Dns" => (object)options.Dns,
                "Targets" => options.Targets,
                "Smtp" => options.Smtp,
                "Tls" => options.Tls,
                "Rpki" => options.Rpki,
                "Auth" => options.Auth,
                "Cluster" => settings.Cluster,
                "Telemetry" => settings.Telemetry,
                "Access" => settings.Access,
                "Web" => settings.Web,
                _ => options.Scan,
            };
            try
            {
                configuration.GetSection(section).Bind(target, o => o.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException ex)
            {
                errors.Add($"{section}: {ex.InnerException?.Message ?? ex.Message}");
            }
        }
        errors.AddRange(flags.CredentialErrors());
        flags.ApplyTo(settings);
        errors.AddRange(settings.Errors());
        if (errors.Count > 0)
            throw new OptionsLoadException(string.Join(Environment.NewLine, errors));
        return settings;
    }

    private static void CheckProfile(string profile)
    {
        if (!File.Exists(profile))
            throw new OptionsLoadException($"profile file '{profile}' does not exist");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(profile), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new OptionsLoadException($"profile file '{profile}' must hold a JSON object");
            var unknown = document.RootElement.EnumerateObject().Select(p => p.Name).Where(n => !KnownTopLevel.Contains(n)).ToList();
            if (unknown.Count > 0)
                throw new OptionsLoadException($"profile file '{profile}': unknown key(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Sections)}");
        }
        catch (JsonException ex)
        {
            throw new OptionsLoadException($"profile file '{profile}' is not valid JSON: {ex.Message}");
        }
    }

    private static Dictionary<string, string?> FromEnvironment(IDictionary<string, string?> environment) =>
        environment.Where(e => e.Key.StartsWith("MAILSCAN__", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => e.Key["MAILSCAN__".Length..].Replace("__", ":", StringComparison.Ordinal), e => e.Value);
}
