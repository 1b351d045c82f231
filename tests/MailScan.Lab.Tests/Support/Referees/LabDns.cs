using MailScan.Checks;
using MailScan.Dns;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Lab.Tests.Support.Referees;

/// <summary>The product's DNS client pointed at the lab resolver, and the lab's addresses the referee tests use.</summary>
internal static class LabDns
{
    public static IDnsResolver Resolver()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(LabEnvironment.Options()))
            .AddMailScanChecks();
        return services.BuildServiceProvider().GetRequiredService<IDnsResolver>();
    }

    /// <summary>The lab's IPv4 network prefix, e.g. "127.102" for instance 2.</summary>
    public static string V4Net => string.Join('.', LabEnvironment.ResolverAddress().Split('.').Take(2));

    /// <summary>The lab's IPv6 prefix, e.g. "fd00:dead:2".</summary>
    public static string V6Net => $"fd00:dead:{int.Parse(V4Net.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture) - 100}";

    /// <summary>Domains of the catalogue that the authenticity category judges.</summary>
    public static IReadOnlyList<string> AuthDomains() =>
        MailScan.Cli.Lab.Catalogue.Load(LabEnvironment.CataloguePath).Domains
            .Where(d => d.Expect.ContainsKey("mail_auth_spf_exist")).Select(d => d.Domain).ToList();
}
