using DnsClient;
using MailScan.Checks.Dns;
using MailScan.Checks.Dns.Wire;
using MailScan.Checks.Options;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Dnssec;

/// <summary>
/// The in-process validating resolver (RFC 4033-4035, 5155, 6840): asks the configured resolver
/// with DO and CD, then validates the answer itself from the trust anchors down, naming the zone,
/// the RRset and the RFC 8914 reason where a chain breaks. Bounded in queries, signature checks
/// and time; never throws for DNS, network or validation failures.
/// </summary>
public sealed partial class DnssecValidator : IValidatingResolver
{
    private readonly IDnsResolver _dns;
    private readonly TimeProvider _time;
    private readonly DnsOptions _options;
    private readonly AnswerValidator _answers;
    private readonly ILogger<DnssecValidator> _logger;

    public DnssecValidator(IDnsResolver dns, HybridCache cache, TimeProvider time, IOptions<MailScanOptions> options, ILogger<DnssecValidator> logger)
        : this(dns, cache, time, options.Value.Dns, LoadAnchors(options.Value.Dns), logger)
    {
    }

    public DnssecValidator(IDnsResolver dns, HybridCache cache, TimeProvider time, DnsOptions options, TrustAnchors anchors, ILogger<DnssecValidator> logger)
    {
        _dns = dns;
        _time = time;
        _options = options;
        _logger = logger;
        Anchors = anchors;
        _answers = new AnswerValidator(new ChainOfTrust(anchors, cache, options.CacheMaxTtl));
    }

    /// <summary>The anchors validation starts from.</summary>
    public TrustAnchors Anchors { get; }

    public async Task<ValidatedAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_options.ValidationTimeout);
        var answer = await _dns.QueryAsync(name, type, limit.Token).ConfigureAwait(false);
        if (!DnsName.TryParse(name, out var qname))
            return new ValidatedAnswer(answer, DnssecStatus.Indeterminate, $"'{name}' is not a domain name");
        ValidationResult result;
        try
        {
            var context = new ValidationContext(_dns, _time.GetUtcNow().ToUnixTimeSeconds(),
                new ValidationBudget(_options.ValidationMaxQueries, _options.ValidationMaxQueries * 8), limit.Token);
            result = await _answers.ValidateAsync(qname, (ushort)type, answer, context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new ValidationResult(DnssecStatus.Indeterminate, DnssecFailure.Of(ExtendedDnsError.DNSSECIndeterminate, qname, qname, (ushort)type,
                $"validation did not finish within {_options.ValidationTimeout.TotalSeconds:0.#} s"));
        }
        LogValidated(_logger, name, type, result.Status, result.Failure?.ToString() ?? string.Empty);
        return new ValidatedAnswer(answer, result.Status, Reason(result)) { Failure = result.Failure };
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
