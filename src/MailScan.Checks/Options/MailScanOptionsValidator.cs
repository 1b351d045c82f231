using System.Net;
using MailScan.Dns;
using MailScan.Rpki;
using MailScan.Tls;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Options;

/// <summary>Rejects invalid settings at start, each with the key and what is wrong.</summary>
public sealed class MailScanOptionsValidator : IValidateOptions<MailScanOptions>
{
    public ValidateOptionsResult Validate(string? name, MailScanOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem found, one line each.</summary>
    public static IEnumerable<string> Errors(MailScanOptions options)
    {
        for (var i = 0; i < options.Dns.Resolvers.Count; i++)
        {
            if (!ResolverEndpoint.TryParse(options.Dns.Resolvers[i], out _, out var error))
                yield return $"Dns:Resolvers:{i} (--resolver): {error}";
        }
        if (!string.IsNullOrWhiteSpace(options.Dns.TrustAnchorFile) && !File.Exists(options.Dns.TrustAnchorFile))
            yield return $"Dns:TrustAnchorFile (--trust-anchor): file '{options.Dns.TrustAnchorFile}' does not exist";
        foreach (var error in Positive("Dns:QueryTimeout", options.Dns.QueryTimeout, TimeSpan.FromMinutes(2)))
            yield return error;
        foreach (var error in Positive("Dns:CacheMaxTtl", options.Dns.CacheMaxTtl, TimeSpan.FromDays(7)))
            yield return error;
        foreach (var error in Positive("Dns:ValidationTimeout", options.Dns.ValidationTimeout, TimeSpan.FromMinutes(10)))
            yield return error;
        if (options.Dns.CacheMaxEntries is < 1000 or > 100_000_000)
            yield return $"Dns:CacheMaxEntries: {options.Dns.CacheMaxEntries} is out of range (1000-100000000)";
        if (options.Dns.ValidationMaxQueries is < 4 or > 1000)
            yield return $"Dns:ValidationMaxQueries: {options.Dns.ValidationMaxQueries} is out of range (4-1000)";
        if (!string.IsNullOrWhiteSpace(options.Dns.TrustAnchorFile) && File.Exists(options.Dns.TrustAnchorFile) && MailScan.Dns.Dnssec.TrustAnchors.Load(options.Dns.TrustAnchorFile).Error is { } anchorError)
            yield return $"Dns:TrustAnchorFile (--trust-anchor): {anchorError}";
        if (options.Dns.Retries is < 0 or > 10)
            yield return $"Dns:Retries: {options.Dns.Retries} is out of range (0-10)";
        if (options.Dns.EdnsBufferSize is < 512 or > 4096)
            yield return $"Dns:EdnsBufferSize: {options.Dns.EdnsBufferSize} is out of range (512-4096)";
        if (options.Dns.MaxMailServers is < 1 or > 100)
            yield return $"Dns:MaxMailServers: {options.Dns.MaxMailServers} is out of range (1-100)";
        if (options.Dns.MaxNameServers is < 1 or > 100)
            yield return $"Dns:MaxNameServers: {options.Dns.MaxNameServers} is out of range (1-100)";
        if (options.Dns.MaxAddressesPerHost is < 1 or > 1000)
            yield return $"Dns:MaxAddressesPerHost: {options.Dns.MaxAddressesPerHost} is out of range (1-1000)";

        for (var i = 0; i < options.Targets.AllowNetworks.Count; i++)
        {
            var text = options.Targets.AllowNetworks[i]?.Trim() ?? string.Empty;
            if (!IPNetwork.TryParse(text, out _))
                yield return $"Targets:AllowNetworks:{i} (--allow-network): '{text}' is not a CIDR block such as 127.0.0.0/8 (host bits must be zero)";
        }

        if (options.Smtp.Port is < 1 or > 65535)
            yield return $"Smtp:Port (--smtp-port): {options.Smtp.Port} is not a port (1-65535)";
        if (options.Smtp.EhloName is { Length: > 0 } ehlo && Uri.CheckHostName(ehlo) != UriHostNameType.Dns)
            yield return $"Smtp:EhloName: '{ehlo}' is not a host name";
        foreach (var error in Positive("Smtp:ConnectTimeout", options.Smtp.ConnectTimeout, TimeSpan.FromMinutes(5)))
            yield return error;
        foreach (var error in Positive("Smtp:BannerTimeout", options.Smtp.BannerTimeout, TimeSpan.FromMinutes(10)))
            yield return error;
        foreach (var error in Positive("Smtp:CommandTimeout", options.Smtp.CommandTimeout, TimeSpan.FromMinutes(10)))
            yield return error;
        if (options.Smtp.MaxConnectionsPerIp is < 1 or > 100)
            yield return $"Smtp:MaxConnectionsPerIp: {options.Smtp.MaxConnectionsPerIp} is out of range (1-100)";
        if (options.Smtp.MinConnectionSpacing < TimeSpan.Zero || options.Smtp.MinConnectionSpacing > TimeSpan.FromMinutes(10))
            yield return $"Smtp:MinConnectionSpacing: {options.Smtp.MinConnectionSpacing} is out of range (0 to 10 minutes)";

        if (!double.IsFinite(options.Smtp.MaxConnectionsPerSecond) || options.Smtp.MaxConnectionsPerSecond is < 0 or > 100_000)
            yield return $"Smtp:MaxConnectionsPerSecond: {options.Smtp.MaxConnectionsPerSecond} is out of range (0-100000; 0: no limit)";
        if (options.Smtp.TemporaryFailureRetries is < 0 or > 5)
            yield return $"Smtp:TemporaryFailureRetries: {options.Smtp.TemporaryFailureRetries} is out of range (0-5)";
        if (options.Smtp.RetryDelay < TimeSpan.Zero || options.Smtp.RetryDelay > TimeSpan.FromMinutes(10))
            yield return $"Smtp:RetryDelay: {options.Smtp.RetryDelay} is out of range (0 to 10 minutes)";
        if (options.Smtp.StrictServerBudget < TimeSpan.Zero || options.Smtp.StrictServerBudget > TimeSpan.FromHours(2))
            yield return $"Smtp:StrictServerBudget: {options.Smtp.StrictServerBudget} is out of range (0 to 2 hours)";
        foreach (var error in Positive("Smtp:MaxLearnedSpacing", options.Smtp.MaxLearnedSpacing, TimeSpan.FromHours(1)))
            yield return error;
        foreach (var error in Positive("Smtp:LearnedSpacingLifetime", options.Smtp.LearnedSpacingLifetime, TimeSpan.FromDays(7)))
            yield return error;
        if (options.Tls.MaxConnectionsPerIp is < 3 or > 1000)
            yield return $"Tls:MaxConnectionsPerIp: {options.Tls.MaxConnectionsPerIp} is out of range (3-1000)";
        if (!Enum.IsDefined(options.Tls.Enumeration))
            yield return $"Tls:Enumeration (--tls-enumeration): {options.Tls.Enumeration} is not Verdict or Full";

        foreach (var (key, path) in new[] { ("Rpki:VrpsFile (--vrps)", options.Rpki.VrpsFile), ("Rpki:RouteOriginsFile (--route-origins)", options.Rpki.RouteOriginsFile), ("Tls:ExtraRootFile (--extra-root)", options.Tls.ExtraRootFile) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
                yield return $"{key}: file '{path}' does not exist";
        }
        foreach (var error in TrustRootErrors("Tls:ExtraRootFile (--extra-root)", options.Tls.ExtraRootFile))
            yield return error;

        if (options.Web.StoredReports is < 1 or > 1_000_000)
            yield return $"Web:StoredReports: {options.Web.StoredReports} is out of range (1-1000000)";
        foreach (var error in Positive("Web:ReportRetention", options.Web.ReportRetention, TimeSpan.FromDays(3650)))
            yield return error;
        foreach (var error in AuthErrors(options.Auth))
            yield return error;
        foreach (var error in RpkiErrors(options.Rpki))
            yield return error;

        if (options.Scan.DomainConcurrency is < 1 or > 100_000)
            yield return $"Scan:DomainConcurrency (--concurrency): {options.Scan.DomainConcurrency} is out of range (1-100000)";
        if (options.Scan.ProbeConcurrency is < 1 or > 1000)
            yield return $"Scan:ProbeConcurrency: {options.Scan.ProbeConcurrency} is out of range (1-1000)";
        foreach (var error in Positive("Scan:ProbeTimeout", options.Scan.ProbeTimeout, TimeSpan.FromHours(1)))
            yield return error;
        foreach (var error in Positive("Scan:DomainTimeout", options.Scan.DomainTimeout, TimeSpan.FromHours(2)))
            yield return error;
        foreach (var error in ClusterErrors(options.Cluster))
            yield return error;
        foreach (var error in options.Telemetry.Errors())
            yield return error;
        foreach (var error in AccessErrors(options.Access))
            yield return error;
    }

    private static IEnumerable<string> AccessErrors(AccessOptions access)
    {
        if (access.MaxOpenStreamsPerKey is < 1 or > 100_000)
            yield return $"Access:MaxOpenStreamsPerKey: {access.MaxOpenStreamsPerKey} is out of range (1-100000)";
        if (access.MaxOpenStreams is < 1 or > 1_000_000)
            yield return $"Access:MaxOpenStreams: {access.MaxOpenStreams} is out of range (1-1000000)";
        if (access.MaxConnections is < 1 or > 1_000_000)
            yield return $"Access:MaxConnections: {access.MaxConnections} is out of range (1-1000000)";
        if (access.MaxStreamsPerConnection is < 1 or > 10_000)
            yield return $"Access:MaxStreamsPerConnection: {access.MaxStreamsPerConnection} is out of range (1-10000)";
        foreach (var error in Positive("Access:SubmitTimeout", access.SubmitTimeout, TimeSpan.FromHours(24)))
            yield return error;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < access.Keys.Count; i++)
        {
            var key = access.Keys[i];
            var at = $"Access:Keys:{i}";
            if (key.Name.Length is 0 or > 64 || !key.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                yield return $"{at}:Name: '{key.Name}' is not a key name (1-64 letters, digits, '.', '_', '-')";
            else if (!names.Add(key.Name))
                yield return $"{at}:Name: '{key.Name}' is the name of another key too";
            if (key.Sha256.Length != 64 || !key.Sha256.All(char.IsAsciiHexDigit))
                yield return $"{at}:Sha256: not a SHA-256 in hex (64 digits); hash the key with: printf %s \"$KEY\" | sha256sum";
            else if (!hashes.Add(key.Sha256))
                yield return $"{at}:Sha256: the same key is given twice";
            if (key.MaxConcurrentBatches is < 0 or > 10_000)
                yield return $"{at}:MaxConcurrentBatches: {key.MaxConcurrentBatches} is out of range (0-10000; 0: no limit)";
            if (key.MaxNamesPerDay is < 0 or > 10_000_000_000)
                yield return $"{at}:MaxNamesPerDay: {key.MaxNamesPerDay} is out of range (0-10000000000; 0: no limit)";
            if (!double.IsFinite(key.RequestsPerSecond) || key.RequestsPerSecond is < 0 or > 10_000)
                yield return $"{at}:RequestsPerSecond: {key.RequestsPerSecond} is out of range (0-10000; 0: no limit)";
            if (key.RequestBurst is < 1 or > 100_000)
                yield return $"{at}:RequestBurst: {key.RequestBurst} is out of range (1-100000)";
        }
    }

    private static IEnumerable<string> ClusterErrors(ClusterOptions cluster)
    {
        // The value is never echoed: it may hold a password.
        if (!string.IsNullOrWhiteSpace(cluster.RabbitMq) && !(Uri.TryCreate(cluster.RabbitMq, UriKind.Absolute, out var bus) && bus.Scheme is "rabbitmq" or "amqp" or "rabbitmqs" or "amqps"))
            yield return "Cluster:RabbitMq (--rabbitmq): not a URL such as rabbitmq://USER:PASSWORD@127.0.0.1:5672/ or amqps://USER:PASSWORD@HOST:5671/ (the value is not shown: it may hold a password)";
        if (!string.IsNullOrWhiteSpace(cluster.Redis) && ConnectionSecrets.IsRedisUrl(cluster.Redis) && !(Uri.TryCreate(cluster.Redis, UriKind.Absolute, out var redis) && redis.Port > 0))
            yield return "Cluster:Redis (--redis): not a URL such as rediss://USER:PASSWORD@HOST:6380 (the value is not shown: it may hold a password)";
        if (!string.IsNullOrWhiteSpace(cluster.Listen) && !(Uri.TryCreate(cluster.Listen, UriKind.Absolute, out var listen) && listen.Scheme is "http" or "https" && listen.Port > 0))
            yield return $"Cluster:Listen (--listen): '{cluster.Listen}' is not a URL such as http://127.0.0.1:5080 or https://0.0.0.0:5443";
        if (!string.IsNullOrWhiteSpace(cluster.HealthListen) && !(Uri.TryCreate(cluster.HealthListen, UriKind.Absolute, out var health) && health.Scheme == "http" && health.Port > 0))
            yield return $"Cluster:HealthListen: '{cluster.HealthListen}' is not a URL such as http://127.0.0.1:8080";
        if (!string.IsNullOrWhiteSpace(cluster.HttpListen) && !(Uri.TryCreate(cluster.HttpListen, UriKind.Absolute, out var http) && http.Scheme == "http" && http.Port > 0))
            yield return $"Cluster:HttpListen (--http-listen): '{cluster.HttpListen}' is not a URL such as http://127.0.0.1:5082";
        foreach (var (key, path) in new[] { ("Cluster:RabbitMqCaFile", cluster.RabbitMqCaFile), ("Cluster:RedisCaFile", cluster.RedisCaFile) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
                yield return $"{key}: file '{path}' does not exist";
            foreach (var error in TrustRootErrors(key, path))
                yield return error;
        }
        if (cluster.BatchFileMaxBytes < 1)
            yield return $"Cluster:BatchFileMaxBytes: {cluster.BatchFileMaxBytes} is not a positive number of bytes";
        if (cluster.WorkerConcurrency is < 1 or > 1000)
            yield return $"Cluster:WorkerConcurrency: {cluster.WorkerConcurrency} is out of range (1-1000)";
        if (cluster.WorkerPrefetch is < 1 or > 10_000)
            yield return $"Cluster:WorkerPrefetch: {cluster.WorkerPrefetch} is out of range (1-10000)";
        if (cluster.WorkerRetries is < 0 or > 20)
            yield return $"Cluster:WorkerRetries: {cluster.WorkerRetries} is out of range (0-20)";
        foreach (var error in Positive("Cluster:BusMargin", cluster.BusMargin, TimeSpan.FromHours(1)))
            yield return error;
        foreach (var error in Positive("Cluster:BatchRetention", cluster.BatchRetention, TimeSpan.FromDays(3650)))
            yield return error;
        foreach (var error in Positive("Cluster:VrpPollInterval", cluster.VrpPollInterval, TimeSpan.FromDays(1)))
            yield return error;
        foreach (var error in Positive("Cluster:ConsumerCheckInterval", cluster.ConsumerCheckInterval, TimeSpan.FromHours(1)))
            yield return error;
        if (cluster.BatchMaxNames is < 1 or > 1_000_000_000)
            yield return $"Cluster:BatchMaxNames: {cluster.BatchMaxNames} is out of range (1-1000000000)";
        if (!string.IsNullOrWhiteSpace(cluster.BatchInputDirectory) && !Directory.Exists(cluster.BatchInputDirectory))
            yield return $"Cluster:BatchInputDirectory: directory '{cluster.BatchInputDirectory}' does not exist";
    }

    /// <summary>
    /// For a process that serves gRPC, once its flags are applied: https:// needs a certificate and
    /// its key; a certificate, a key or a client CA without https:// would be ignored, so each is an error.
    /// </summary>
    public static IEnumerable<string> ListenTlsErrors(ClusterOptions cluster)
    {
        var https = cluster.Listen.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        var files = new[] { ("Cluster:ListenCertificateFile", cluster.ListenCertificateFile), ("Cluster:ListenKeyFile", cluster.ListenKeyFile), ("Cluster:ListenClientCaFile", cluster.ListenClientCaFile) };
        foreach (var (key, path) in files)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                if (https && key != "Cluster:ListenClientCaFile")
                    yield return $"{key}: an https:// Cluster:Listen (--listen) needs a PEM certificate and its key";
            }
            else if (!https)
                yield return $"{key}: set, but Cluster:Listen (--listen) '{cluster.Listen}' is not https://";
            else if (!File.Exists(path))
                yield return $"{key}: file '{path}' does not exist";
            else if (key == "Cluster:ListenClientCaFile" && TrustRootFile.Problem(path) is { } problem)
                yield return $"{key}: {problem}";
        }
    }

    // A file of trusted roots that exists but gives none (the missing file is reported apart).
    private static IEnumerable<string> TrustRootErrors(string key, string? path)
    {
        if (!string.IsNullOrWhiteSpace(path) && File.Exists(path) && TrustRootFile.Problem(path) is { } problem)
            yield return $"{key}: {problem}";
    }

    private static IEnumerable<string> AuthErrors(AuthOptions auth)
    {
        foreach (var selector in auth.Selectors())
        {
            if (selector.Length > 63 || !selector.Split('.').All(l => l.Length > 0 && l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
                yield return $"Auth:DkimSelectors: '{selector}' is not a DKIM selector (labels of letters, digits, '-', '_')";
        }
        if (!string.IsNullOrWhiteSpace(auth.PublicSuffixListFile) && !File.Exists(auth.PublicSuffixListFile))
            yield return $"Auth:PublicSuffixListFile: file '{auth.PublicSuffixListFile}' does not exist";
        foreach (var error in Positive("Auth:MtaStsTimeout", auth.MtaStsTimeout, TimeSpan.FromMinutes(5)))
            yield return error;
        if (auth.MtaStsMaxBytes is < 1024 or > 10 * 1024 * 1024)
            yield return $"Auth:MtaStsMaxBytes: {auth.MtaStsMaxBytes} is out of range (1024-10485760)";
        if (auth.SpfMaxLookups is < 11 or > 1000)
            yield return $"Auth:SpfMaxLookups: {auth.SpfMaxLookups} is out of range (11-1000)";
    }

    private static IEnumerable<string> RpkiErrors(RpkiOptions rpki)
    {
        var sources = new[] { ("--vrps", rpki.VrpsFile), ("--vrps-url", rpki.VrpsUrl), ("--rtr", rpki.RtrServer) }
            .Where(s => !string.IsNullOrWhiteSpace(s.Item2)).Select(s => s.Item1).ToList();
        if (sources.Count > 1)
            yield return $"Rpki: give one VRP source, not {string.Join(" and ", sources)}";
        if (!string.IsNullOrWhiteSpace(rpki.VrpsUrl)
            && (!Uri.TryCreate(rpki.VrpsUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            yield return $"Rpki:VrpsUrl (--vrps-url): '{rpki.VrpsUrl}' is not an http or https URL";
        if (!string.IsNullOrWhiteSpace(rpki.RtrServer) && !RtrEndpoint.TryParse(rpki.RtrServer, out _, out var rtrError))
            yield return $"Rpki:RtrServer (--rtr): {rtrError}";
        if (rpki.RtrVersion is not (0 or 1))
            yield return $"Rpki:RtrVersion: {rpki.RtrVersion} is not an RTR version this scanner speaks (0 or 1)";
        if (rpki.RefreshInterval < TimeSpan.FromSeconds(1) || rpki.RefreshInterval > TimeSpan.FromDays(1))
            yield return $"Rpki:RefreshInterval (--vrps-refresh): {rpki.RefreshInterval} is out of range (1 second to 1 day)";
        foreach (var error in Positive("Rpki:LoadTimeout", rpki.LoadTimeout, TimeSpan.FromHours(1)))
            yield return error;
        foreach (var error in Positive("Rpki:FetchTimeout", rpki.FetchTimeout, TimeSpan.FromHours(1)))
            yield return error;
    }

    private static IEnumerable<string> Positive(string key, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
            yield return $"{key}: {value} is out of range (more than 0, at most {max})";
    }
}
