using System.Net;
using DnsClient;
using MailScan.Dns.Wire;
using MailScan.Telemetry;
using Microsoft.Extensions.Options;

namespace MailScan.Dns;

/// <summary>
/// <see cref="IDnsResolver"/> over the product's wire client: recursive queries with RD, DO and
/// CD (so a validating resolver hands over bogus data with its signatures for our own validator),
/// EDNS 1232, TCP on truncation, cached by TTL with in-flight de-duplication; direct queries to a
/// named server without recursion and without the cache (they measure the server).
/// </summary>
public sealed class DnsResolver : IDnsResolver
{
    private readonly DnsWireClient _client;
    private readonly DnsMessageCache _cache;
    private readonly IReadOnlyList<IPEndPoint> _servers;
    private readonly DnsQueryFlags _recursive;
    private readonly DnsQueryFlags _direct;
    private readonly ResolverHealth? _health;
    private readonly SemaphoreSlim _inFlight;

    public DnsResolver(IOptions<DnsOptions> options, ResolverSet resolvers, DnsWireClient client, DnsMessageCache cache, ResolverHealth? health = null)
    {
        _health = health;
        _inFlight = new SemaphoreSlim(options.Value.MaxQueriesInFlight);
        _client = client;
        _cache = cache;
        _servers = [.. resolvers.NameServers.Select(s => new IPEndPoint(IPAddress.Parse(s.Address), s.Port))];
        ResolverScope = resolvers.Scope;
        var size = (ushort)options.Value.EdnsBufferSize;
        _recursive = new DnsQueryFlags(RecursionDesired: true, CheckingDisabled: true, DnssecOk: true, size);
        _direct = new DnsQueryFlags(RecursionDesired: false, CheckingDisabled: false, DnssecOk: true, size);
    }

    public string ResolverScope { get; }

    public async Task<DnsAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        if (DnsName.FromPresentation(name).Value is not { } parsed)
            return Invalid(name, type);
        var question = new WireQuestion(parsed, (ushort)type);
        var key = $"dns:{ResolverScope}:{parsed.ToString().ToLowerInvariant()}:{(ushort)type}:{question.Class}";
        var exchange = await _cache.GetOrExchangeAsync(
            key, token => ExchangeRecursiveAsync(question, token), cancellationToken).ConfigureAwait(false);
        var answer = ToAnswer(name, type, exchange);
        MailScanMetrics.CacheLookup("dns", exchange.FromCache);
        if (!exchange.FromCache)
        {
            MailScanMetrics.DnsQuery(ResolverLabel(exchange.Server), StatusLabel(answer));
            _health?.Count(answer.Status == DnsStatus.Timeout);
        }
        return answer;
    }

    /// <summary>One question to the resolvers, within <c>Dns:MaxQueriesInFlight</c> outstanding at once.</summary>
    private async Task<DnsExchange> ExchangeRecursiveAsync(WireQuestion question, CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _client.ExchangeAsync(_servers, question, _recursive, DnsTransport.Udp, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    public async Task<DnsAnswer> QueryServerAsync(IPEndPoint server, string name, QueryType type, DnsTransport transport, CancellationToken cancellationToken)
    {
        if (DnsName.FromPresentation(name).Value is not { } parsed)
            return Invalid(name, type);
        var exchange = await _client.ExchangeAsync([server], new WireQuestion(parsed, (ushort)type), _direct, transport, cancellationToken).ConfigureAwait(false);
        var answer = ToAnswer(name, type, exchange);
        MailScanMetrics.DnsQuery("direct", StatusLabel(answer));
        return answer;
    }

    /// <summary>The metric label of a configured resolver: its index in the configuration (bounded), never its address.</summary>
    private string ResolverLabel(string server)
    {
        for (var i = 0; i < _servers.Count; i++)
        {
            if (_servers[i].ToString() == server)
                return i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return "unknown";
    }

    /// <summary>The rcode of an answer, else what went wrong (TIMEOUT, MALFORMED, ...): a small, fixed set.</summary>
    private static string StatusLabel(DnsAnswer answer) => answer.Status;

    /// <summary>A <see cref="DnsAnswer"/> from an exchange: DnsClient's record types, plus the wire message.</summary>
    public static DnsAnswer ToAnswer(string name, QueryType type, DnsExchange exchange)
    {
        if (exchange.Outcome != DnsOutcome.Answered || exchange.Message is not { } message)
            return new DnsAnswer(name, type, exchange.Outcome, string.Empty, [], [], false, exchange.Server, exchange.Elapsed, exchange.Error);
        if (message.Question is { } question && CnameLoop.Find(question.Name, message.Answers) is { } loop)
            return new DnsAnswer(name, type, DnsOutcome.Malformed, string.Empty, [], [], false, exchange.Server, exchange.Elapsed, $"CNAME loop: {loop}");
        return new DnsAnswer(
            name, type, DnsOutcome.Answered, RcodeName(message.Rcode),
            DnsClientRecords.Map(message.Answers),
            DnsClientRecords.Map(message.Authorities),
            message.AuthenticData, exchange.Server, exchange.Elapsed)
        {
            Message = message,
            FromCache = exchange.FromCache,
        };
    }

    private static DnsAnswer Invalid(string name, QueryType type) =>
        new(name, type, DnsOutcome.Malformed, string.Empty, [], [], false, string.Empty, TimeSpan.Zero, $"'{name}' is not a domain name");

    /// <summary>The conventional upper-case name of a response code.</summary>
    public static string RcodeName(int code) => code switch
    {
        0 => DnsStatus.NoError,
        1 => "FORMERR",
        2 => DnsStatus.ServFail,
        3 => DnsStatus.NxDomain,
        4 => "NOTIMP",
        5 => DnsStatus.Refused,
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        16 => "BADVERS",
        _ => $"RCODE{code}",
    };
}
