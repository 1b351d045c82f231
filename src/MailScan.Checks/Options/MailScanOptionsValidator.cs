using System.Net;
using MailScan.Dns;
using MailScan.Parsing;
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
            if (ResolverEndpoint.Parse(options.Dns.Resolvers[i]).Error is { } error)
                yield return $"Dns:Resolvers:{i} (--resolver): {error}";
        }
        if (!string.IsNullOrWhiteSpace(options.Dns.TrustAnchorFile) && !File.Exists(options.Dns.TrustAnchorFile))
            yield return $"Dns:TrustAnchorFile (--trust-anchor): file '{options.Dns.TrustAnchorFile}' does not exist";
        foreach (var error in SettingRange.Positive("Dns:QueryTimeout", options.Dns.QueryTimeout, TimeSpan.FromMinutes(2)))
            yield return error;
        foreach (var error in SettingRange.Positive("Dns:CacheMaxTtl", options.Dns.CacheMaxTtl, TimeSpan.FromDays(7)))
            yield return error;
        foreach (var error in SettingRange.Positive("Dns:ValidationTimeout", options.Dns.ValidationTimeout, TimeSpan.FromMinutes(10)))
            yield return error;
        if (options.Dns.CacheMaxEntries is < 1000 or > 100_000_000)
            yield return $"Dns:CacheMaxEntries: {options.Dns.CacheMaxEntries} is out of range (1000-100000000)";
        if (options.Dns.MaxQueriesInFlight is < 1 or > 100_000)
            yield return $"Dns:MaxQueriesInFlight: {options.Dns.MaxQueriesInFlight} is out of range (1-100000)";
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
        foreach (var error in SettingRange.Positive("Smtp:ConnectTimeout", options.Smtp.ConnectTimeout, TimeSpan.FromMinutes(5)))
            yield return error;
        foreach (var error in SettingRange.Positive("Smtp:BannerTimeout", options.Smtp.BannerTimeout, TimeSpan.FromMinutes(10)))
            yield return error;
        foreach (var error in SettingRange.Positive("Smtp:CommandTimeout", options.Smtp.CommandTimeout, TimeSpan.FromMinutes(10)))
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
        foreach (var error in SettingRange.Positive("Smtp:MaxLearnedSpacing", options.Smtp.MaxLearnedSpacing, TimeSpan.FromHours(1)))
            yield return error;
        foreach (var error in SettingRange.Positive("Smtp:LearnedSpacingLifetime", options.Smtp.LearnedSpacingLifetime, TimeSpan.FromDays(7)))
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

        foreach (var error in AuthErrors(options.Auth))
            yield return error;
        foreach (var error in RpkiErrors(options.Rpki))
            yield return error;

        if (options.Scan.DomainConcurrency is < 1 or > 100_000)
            yield return $"Scan:DomainConcurrency (--concurrency): {options.Scan.DomainConcurrency} is out of range (1-100000)";
        if (options.Scan.ProbeConcurrency is < 1 or > 1000)
            yield return $"Scan:ProbeConcurrency: {options.Scan.ProbeConcurrency} is out of range (1-1000)";
        if (options.Scan.MaxDomainConcurrency is < 1 or > 100_000)
            yield return $"Scan:MaxDomainConcurrency: {options.Scan.MaxDomainConcurrency} is out of range (1-100000)";
        if (options.Scan.MaxKindConcurrency is < 1 or > 10_000)
            yield return $"Scan:MaxKindConcurrency: {options.Scan.MaxKindConcurrency} is out of range (1-10000)";
        if (options.Scan.CpuTarget is < 0.1 or > 1.0 || double.IsNaN(options.Scan.CpuTarget))
            yield return $"Scan:CpuTarget: {options.Scan.CpuTarget} is out of range (0.1-1.0, a share of the machine's cores)";
        foreach (var error in SettingRange.Positive("Scan:ProbeTimeout", options.Scan.ProbeTimeout, TimeSpan.FromHours(1)))
            yield return error;
        foreach (var error in SettingRange.Positive("Scan:DomainTimeout", options.Scan.DomainTimeout, TimeSpan.FromHours(2)))
            yield return error;
    }

    /// <summary>The error of a file of trusted roots that exists but gives none (a missing file is reported apart).</summary>
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
        foreach (var error in SettingRange.Positive("Auth:MtaStsTimeout", auth.MtaStsTimeout, TimeSpan.FromMinutes(5)))
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
        if (!string.IsNullOrWhiteSpace(rpki.RtrServer) && RtrEndpoint.Parse(rpki.RtrServer).Error is { } rtrError)
            yield return $"Rpki:RtrServer (--rtr): {rtrError}";
        if (rpki.RtrVersion is not (0 or 1))
            yield return $"Rpki:RtrVersion: {rpki.RtrVersion} is not an RTR version this scanner speaks (0 or 1)";
        if (rpki.RefreshInterval < TimeSpan.FromSeconds(1) || rpki.RefreshInterval > TimeSpan.FromDays(1))
            yield return $"Rpki:RefreshInterval (--vrps-refresh): {rpki.RefreshInterval} is out of range (1 second to 1 day)";
        foreach (var error in SettingRange.Positive("Rpki:LoadTimeout", rpki.LoadTimeout, TimeSpan.FromHours(1)))
            yield return error;
        foreach (var error in SettingRange.Positive("Rpki:FetchTimeout", rpki.FetchTimeout, TimeSpan.FromHours(1)))
            yield return error;
    }
}
