using MailScan.Checks.Options;
using MailScan.Redis.Hosting;
using MailScan.Rpki;

namespace MailScan.Cli.Configuration;

/// <summary>The settings given as flags; each one overrides the same key from files and environment.</summary>
internal sealed record CommandLineSettings
{
    public string? Profile { get; init; }
    public IReadOnlyList<string> Resolvers { get; init; } = [];
    public string? TrustAnchor { get; init; }
    public IReadOnlyList<string> AllowNetworks { get; init; } = [];
    public string? Vrps { get; init; }
    public string? RouteOrigins { get; init; }
    public string? VrpsUrl { get; init; }
    public string? Rtr { get; init; }
    public double? VrpsRefreshSeconds { get; init; }
    public bool? TeamCymru { get; init; }
    public int? SmtpPort { get; init; }
    public string? EhloName { get; init; }
    public string? ExtraRoot { get; init; }
    public MailScan.Tls.Enumeration.EnumerationMode? TlsEnumeration { get; init; }
    public double? DnsTimeoutSeconds { get; init; }
    public double? SmtpTimeoutSeconds { get; init; }
    public double? ProbeTimeoutSeconds { get; init; }
    public double? DomainTimeoutSeconds { get; init; }
    public int? Concurrency { get; init; }
    public string? RabbitMq { get; init; }
    public string? Redis { get; init; }

    /// <summary>Applies the flags that were given onto settings bound from the other sources.</summary>
    public void ApplyTo(MailScanSettings settings)
    {
        var options = settings.Scanner;
        if (Resolvers.Count > 0)
            options.Dns.Resolvers = [.. Resolvers];
        if (TrustAnchor is not null)
            options.Dns.TrustAnchorFile = TrustAnchor;
        if (AllowNetworks.Count > 0)
            options.Targets.AllowNetworks = [.. AllowNetworks];
        ApplyRpkiTo(options.Rpki);
        if (SmtpPort is { } port)
            options.Smtp.Port = port;
        if (EhloName is not null)
            options.Smtp.EhloName = EhloName;
        if (ExtraRoot is not null)
            options.Tls.ExtraRootFile = ExtraRoot;
        if (TlsEnumeration is { } enumeration)
            options.Tls.Enumeration = enumeration;
        if (DnsTimeoutSeconds is { } dns)
            options.Dns.QueryTimeout = Seconds(dns);
        if (SmtpTimeoutSeconds is { } smtp)
        {
            options.Smtp.ConnectTimeout = Seconds(smtp);
            options.Smtp.CommandTimeout = Seconds(smtp);
        }
        if (ProbeTimeoutSeconds is { } probe)
            options.Scan.ProbeTimeout = Seconds(probe);
        if (DomainTimeoutSeconds is { } domain)
            options.Scan.DomainTimeout = Seconds(domain);
        if (Concurrency is { } concurrency)
        {
            // A count asked for on the command line is kept: it does not adapt.
            options.Scan.DomainConcurrency = concurrency;
            options.Scan.ProbeConcurrency = Math.Min(concurrency, 1000);
            options.Scan.AdaptiveConcurrency = false;
        }
        if (RabbitMq is not null)
            settings.Cluster.RabbitMq = RabbitMq;
        if (Redis is not null)
            settings.Cluster.Redis = Redis;
    }

    /// <summary>
    /// Credentials given as flags: every user of the machine can read a command line (ps,
    /// /proc/PID/cmdline), so passwords come from the environment or a --profile file only.
    /// </summary>
    public IEnumerable<string> CredentialErrors()
    {
        if (RabbitMq is not null && ConnectionSecrets.UrlHasPassword(RabbitMq))
            yield return "--rabbitmq: the URL carries a password, which every user of this machine can read on a command line; set MAILSCAN__Cluster__RabbitMq in the environment or Cluster:RabbitMq in a --profile file instead";
        if (Redis is not null && ConnectionSecrets.RedisHasCredentials(Redis))
            yield return "--redis: the setting carries a user or password, which every user of this machine can read on a command line; set MAILSCAN__Cluster__Redis in the environment or Cluster:Redis in a --profile file instead";
    }

    private void ApplyRpkiTo(RpkiOptions rpki)
    {
        // One VRP source at a time: a flag for one replaces the others from files and environment.
        if (Vrps is not null || VrpsUrl is not null || Rtr is not null)
            (rpki.VrpsFile, rpki.VrpsUrl, rpki.RtrServer) = (Vrps, VrpsUrl, Rtr);
        if (RouteOrigins is not null)
            rpki.RouteOriginsFile = RouteOrigins;
        if (VrpsRefreshSeconds is { } refresh)
            rpki.RefreshInterval = Seconds(refresh);
        if (TeamCymru is { } cymru)
            rpki.TeamCymru = cymru;
    }

    // Non-positive and absurd values are kept as given so the validator names them.
    private static TimeSpan Seconds(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e6 ? TimeSpan.FromSeconds(value) : TimeSpan.MaxValue;
}
