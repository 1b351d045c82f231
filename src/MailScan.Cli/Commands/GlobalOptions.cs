using System.CommandLine;
using MailScan.Cli.Configuration;
using Microsoft.Extensions.Logging;

namespace MailScan.Cli.Commands;

/// <summary>The flags every command takes; each sets one key of the options model.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Profile { get; } = new("--profile") { Description = "JSON file with settings (same keys as appsettings.json); the lab writes deploy/lab/lab.json", HelpName = "FILE", Recursive = true };
    public Option<string[]> Resolver { get; } = new("--resolver") { Description = "recursive resolver HOST[:PORT] (repeatable; default: the system's)", HelpName = "HOST[:PORT]", Recursive = true, AllowMultipleArgumentsPerToken = false };
    public Option<string?> TrustAnchor { get; } = new("--trust-anchor") { Description = "DNSKEY or DS records in zone-file format (default: the IANA root anchors)", HelpName = "FILE", Recursive = true };
    public Option<string[]> AllowNetwork { get; } = new("--allow-network") { Description = "scan addresses in this special-use block anyway, e.g. 127.0.0.0/8 (repeatable)", HelpName = "CIDR", Recursive = true };
    public Option<string?> Vrps { get; } = new("--vrps") { Description = "VRP export (rpki-client / Routinator / StayRTR JSON)", HelpName = "FILE", Recursive = true };
    public Option<string?> RouteOrigins { get; } = new("--route-origins") { Description = "prefix-to-origin table (pfx2as format)", HelpName = "FILE", Recursive = true };
    public Option<string?> VrpsUrl { get; } = new("--vrps-url") { Description = "VRP export fetched over HTTP(S), read again every --vrps-refresh", HelpName = "URL", Recursive = true };
    public Option<string?> Rtr { get; } = new("--rtr") { Description = "RTR cache (RFC 8210) to follow for VRPs, e.g. 127.0.0.1:8282", HelpName = "HOST:PORT", Recursive = true };
    public Option<double?> VrpsRefresh { get; } = new("--vrps-refresh") { Description = "seconds between checks of the VRP file or URL and the pfx2as file (default 600)", HelpName = "SECONDS", Recursive = true };
    public Option<bool?> TeamCymru { get; } = new("--team-cymru") { Description = "ask the Team Cymru DNS service for route origins when no --route-origins is given (default true)", HelpName = "true|false", Recursive = true };
    public Option<int?> SmtpPort { get; } = new("--smtp-port") { Description = "SMTP port of mail servers (default 25)", HelpName = "N", Recursive = true };
    public Option<string?> EhloName { get; } = new("--ehlo-name") { Description = "name sent with EHLO (default: this host's name)", HelpName = "NAME", Recursive = true };
    public Option<string?> ExtraRoot { get; } = new("--extra-root") { Description = "PEM root certificate(s) to trust besides the system store (e.g. the lab CA)", HelpName = "FILE", Recursive = true };
    public Option<MailScan.Tls.Enumeration.EnumerationMode?> TlsEnumeration { get; } = new("--tls-enumeration") { Description = "Verdict (fewest connections, default) or Full (every suite of every version, like sslscan)", HelpName = "MODE", Recursive = true };
    public Option<double?> DnsTimeout { get; } = new("--dns-timeout") { Description = "seconds per DNS query attempt", HelpName = "SECONDS", Recursive = true };
    public Option<double?> SmtpTimeout { get; } = new("--smtp-timeout") { Description = "seconds to connect and per SMTP command", HelpName = "SECONDS", Recursive = true };
    public Option<double?> ProbeTimeout { get; } = new("--probe-timeout") { Description = "seconds for one probe, all steps", HelpName = "SECONDS", Recursive = true };
    public Option<double?> DomainTimeout { get; } = new("--domain-timeout") { Description = "seconds for one whole domain", HelpName = "SECONDS", Recursive = true };
    public Option<int?> Concurrency { get; } = new("--concurrency") { Description = "probes (scan) or domains (batch) at the same time", HelpName = "N", Recursive = true };
    public Option<string?> RabbitMq { get; } = new("--rabbitmq") { Description = "RabbitMQ of the cluster, rabbitmq://host:port/vhost or amqps://... (serve, coordinator, worker); a password only from MAILSCAN__Cluster__RabbitMq or --profile", HelpName = "URL", Recursive = true };
    public Option<string?> Redis { get; } = new("--redis") { Description = "Redis of the cluster, host:port[,ssl=true] or rediss://host:port (serve, coordinator, worker); user and password only from MAILSCAN__Cluster__Redis or --profile", HelpName = "CONFIG", Recursive = true };
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "log what the scanner does (to stderr)", Recursive = true };
    public Option<bool> NoColor { get; } = new("--no-color") { Description = "no colours in the output", Recursive = true };

    public IEnumerable<Option> All() =>
        [Profile, Resolver, TrustAnchor, AllowNetwork, Vrps, RouteOrigins, VrpsUrl, Rtr, VrpsRefresh, TeamCymru, SmtpPort, EhloName, ExtraRoot, TlsEnumeration, DnsTimeout, SmtpTimeout, ProbeTimeout, DomainTimeout, Concurrency, RabbitMq, Redis, Verbose, NoColor];

    public CommandLineSettings Settings(ParseResult result) => new()
    {
        Profile = result.GetValue(Profile),
        Resolvers = result.GetValue(Resolver) ?? [],
        TrustAnchor = result.GetValue(TrustAnchor),
        AllowNetworks = result.GetValue(AllowNetwork) ?? [],
        Vrps = result.GetValue(Vrps),
        RouteOrigins = result.GetValue(RouteOrigins),
        VrpsUrl = result.GetValue(VrpsUrl),
        Rtr = result.GetValue(Rtr),
        VrpsRefreshSeconds = result.GetValue(VrpsRefresh),
        TeamCymru = result.GetValue(TeamCymru),
        SmtpPort = result.GetValue(SmtpPort),
        EhloName = result.GetValue(EhloName),
        ExtraRoot = result.GetValue(ExtraRoot),
        TlsEnumeration = result.GetValue(TlsEnumeration),
        DnsTimeoutSeconds = result.GetValue(DnsTimeout),
        SmtpTimeoutSeconds = result.GetValue(SmtpTimeout),
        ProbeTimeoutSeconds = result.GetValue(ProbeTimeout),
        DomainTimeoutSeconds = result.GetValue(DomainTimeout),
        Concurrency = result.GetValue(Concurrency),
        RabbitMq = result.GetValue(RabbitMq),
        Redis = result.GetValue(Redis),
    };

    public LogLevel LogLevel(ParseResult result) =>
        result.GetValue(Verbose) ? Microsoft.Extensions.Logging.LogLevel.Debug : Microsoft.Extensions.Logging.LogLevel.Warning;

    public bool Colour(ParseResult result) =>
        !result.GetValue(NoColor) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
}
