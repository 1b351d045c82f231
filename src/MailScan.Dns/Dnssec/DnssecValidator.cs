using DnsClient;
using MailScan.Dns;
using MailScan.Dns.Wire;
using MailScan.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Dns.Dnssec;

/// <summary>
/// The in-process validating resolver (RFC 4033-4035, 5155, 6840): asks the configured resolver
/// with DO and CD, then validates the answer itself from the trust anchors down, naming the zone,
/// the RRset and the RFC 8914 reason where a chain breaks. Bounded in queries, signature checks
/// and time; never throws for DNS, network or validation failures.
/// </summary>
public sealed partial class DnssecValidator : IValidatingResolver
{
    /// <summary>How long a bogus verdict is kept at most (Unbound's val-bogus-ttl): a repaired zone is seen again soon.</summary>
    public const int BogusCacheSeconds = 60;

    private readonly IDnsResolver _dns;
    private readonly TimeProvider _time;
    private readonly DnsOptions _options;
    private readonly LocalCache _cache;
    private readonly ProvenRrsets _proven;
    private readonly AnswerValidator _answers;
    private readonly string _scope;
    private readonly ILogger<DnssecValidator> _logger;

    public DnssecValidator(IDnsResolver dns, HybridCache cache, TimeProvider time, IOptions<DnsOptions> options, ILogger<DnssecValidator> logger)
        : this(dns, cache, time, options.Value, LoadAnchors(options.Value), logger)
    {
    }

    public DnssecValidator(IDnsResolver dns, HybridCache cache, TimeProvider time, DnsOptions options, TrustAnchors anchors, ILogger<DnssecValidator> logger)
    {
        _dns = dns;
        _time = time;
        _options = options;
        _logger = logger;
        Anchors = anchors;
        _cache = new LocalCache(cache, options.CacheMaxTtl);
        _proven = new ProvenRrsets(_cache);
        // Verdicts and chains depend on the anchors and on what the resolvers answered.
        _scope = $"{anchors.Fingerprint}:{dns.ResolverScope}";
        _answers = new AnswerValidator(new ChainOfTrust(anchors, _cache, _scope));
    }

    /// <summary>The anchors validation starts from.</summary>
    public TrustAnchors Anchors { get; }

    /// <summary>
    /// The validated answer, from the verdict cache while it holds: until the answer's TTL, the
    /// first signature or chain of trust it relied on expires, <c>Dns:CacheMaxTtl</c>, and for a
    /// bogus verdict <see cref="BogusCacheSeconds"/>. Indeterminate verdicts are never kept.
    /// </summary>
    public async Task<ValidatedAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        if (DnsName.FromPresentation(name).Value is not { } qname)
            return new ValidatedAnswer(await _dns.QueryAsync(name, type, cancellationToken).ConfigureAwait(false), DnssecStatus.Indeterminate, $"'{name}' is not a domain name");
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var key = $"dnssec:answer:{_scope}:{qname.ToString().ToLowerInvariant()}:{(ushort)type}:IN";
        var made = false;
        // The shared token is cancelled only when every caller waiting for this verdict has given up.
        var validated = await _cache.GetOrCreateAsync(key, now, async shared =>
        {
            made = true;
            return await ValidateAsync(name, qname, type, now, shared).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        MailScanMetrics.DnssecStatus(validated.Status.ToString());
        return made ? validated : validated with { Answer = validated.Answer with { FromCache = true } };
    }

    private async Task<Expiring<ValidatedAnswer>> ValidateAsync(string name, DnsName qname, QueryType type, long now, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_options.ValidationTimeout);
        var answer = await _dns.QueryAsync(name, type, limit.Token).ConfigureAwait(false);
        var context = new ValidationContext(_dns, _proven, now, new ValidationBudget(_options.ValidationMaxQueries, _options.ValidationMaxQueries * 8), limit.Token);
        ValidationResult result;
        try
        {
            result = await _answers.ValidateAsync(qname, (ushort)type, answer, context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new ValidationResult(DnssecStatus.Indeterminate, DnssecFailure.Of(ExtendedDnsError.DNSSECIndeterminate, qname, qname, (ushort)type,
                $"validation did not finish within {_options.ValidationTimeout.TotalSeconds:0.#} s"));
        }
        LogValidated(_logger, name, type, result.Status, result.Failure?.ToString() ?? string.Empty);
        var validated = new ValidatedAnswer(answer, result.Status, Reason(result)) { Failure = result.Failure };
        return new Expiring<ValidatedAnswer>(validated, KeepUntil(result.Status, answer, context));
    }

    /// <summary>The last moment a verdict may be served from the cache (at or before now: not kept).</summary>
    private static long KeepUntil(DnssecStatus status, DnsAnswer answer, ValidationContext context)
    {
        if (status == DnssecStatus.Indeterminate || answer.Message is not { } message)
            return 0;
        var until = Math.Min(context.Horizon, context.Now + message.MinimumTtl());
        return status == DnssecStatus.Bogus ? Math.Min(until, context.Now + BogusCacheSeconds) : until;
    }

    private static string? Reason(ValidationResult result) => result switch
    {
        { Status: DnssecStatus.Secure } => null,
        { Status: DnssecStatus.Insecure, Failure: { Error: ExtendedDnsError.Other } why } => $"not signed: {why.Detail} (zone {why.Zone})",
        { Failure: { } why } => why.ToString(),
        _ => result.Status.ToString(),
    };

    private static TrustAnchors LoadAnchors(DnsOptions options)
    {
        var (anchors, error) = TrustAnchors.Load(options.TrustAnchorFile);
        return anchors ?? throw new OptionsValidationException("Dns:TrustAnchorFile", typeof(DnsOptions), [$"Dns:TrustAnchorFile (--trust-anchor): {error}"]);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNSSEC {Name} {Type}: {Status} {Reason}")]
    private static partial void LogValidated(ILogger logger, string name, QueryType type, DnssecStatus status, string reason);
}
