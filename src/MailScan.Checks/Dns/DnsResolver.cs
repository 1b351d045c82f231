using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using MailScan.Checks.Options;
using MailScan.Checks.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Dns;

/// <summary>DnsClient behind <see cref="IDnsResolver"/>: EDNS 1232 with DO, TCP fallback, timeouts and retries from options.</summary>
public sealed partial class DnsResolver : IDnsResolver
{
    private readonly LookupClient _recursive;
    private readonly LookupClient _direct;
    private readonly DnsOptions _options;
    private readonly ILogger<DnsResolver> _logger;
    private readonly IReadOnlyList<string> _resolverNames;

    public DnsResolver(IOptions<MailScanOptions> options, ResolverSet resolvers, ILogger<DnsResolver> logger)
    {
        _options = options.Value.Dns;
        _logger = logger;
        _resolverNames = resolvers.NameServers.Select(s => s.ToString()).ToList();
        _recursive = new LookupClient(ClientOptions(resolvers.NameServers, recursion: true));
        // The direct client's own server list is never used: every call names its server.
        _direct = new LookupClient(ClientOptions(resolvers.NameServers, recursion: false));
    }

    public async Task<DnsAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await _recursive.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            CountQuery(response.NameServer?.ToString(), RcodeName(response.Header.ResponseCode));
            return FromResponse(name, type, response, started);
        }
        catch (Exception ex) when (ex is DnsResponseException or SocketException or IOException or TimeoutException)
        {
            var failure = FromFailure(name, type, "resolver", ex, started);
            CountQuery(null, failure.Status);
            return failure;
        }
    }

    public async Task<DnsAnswer> QueryServerAsync(IPEndPoint server, string name, QueryType type, DnsTransport transport, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var options = new DnsQueryAndServerOptions(new NameServer(server))
        {
            Recursion = false,
            UseCache = false,
            Timeout = _options.QueryTimeout,
            Retries = _options.Retries,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            UseTcpOnly = transport == DnsTransport.Tcp,
            UseTcpFallback = true,
            ExtendedDnsBufferSize = _options.EdnsBufferSize,
            RequestDnsSecRecords = true,
        };
        try
        {
            var response = await _direct.QueryAsync(new DnsQuestion(name, type), options, cancellationToken).ConfigureAwait(false);
            MailScanMetrics.DnsQuery("direct", RcodeName(response.Header.ResponseCode));
            return FromResponse(name, type, response, started);
        }
        catch (Exception ex) when (ex is DnsResponseException or SocketException or IOException or TimeoutException)
        {
            var failure = FromFailure(name, type, server.ToString(), ex, started);
            MailScanMetrics.DnsQuery("direct", failure.Status);
            return failure;
        }
    }

    /// <summary>Counts a recursive query under the resolver's configured index (bounded, unlike its address), or "unknown".</summary>
    private void CountQuery(string? server, string rcode)
    {
        var index = server is null ? -1 : IndexOf(server);
        MailScanMetrics.DnsQuery(index < 0 ? "unknown" : index.ToString(System.Globalization.CultureInfo.InvariantCulture), rcode);
    }

    private int IndexOf(string server)
    {
        for (var i = 0; i < _resolverNames.Count; i++)
        {
            if (_resolverNames[i] == server)
                return i;
        }
        return -1;
    }

    private LookupClientOptions ClientOptions(IReadOnlyList<NameServer> servers, bool recursion) => new([.. servers])
    {
        Recursion = recursion,
        UseCache = true,
        Timeout = _options.QueryTimeout,
        Retries = _options.Retries,
        ThrowDnsErrors = false,
        ContinueOnDnsError = true,
        ContinueOnEmptyResponse = false,
        UseTcpFallback = true,
        ExtendedDnsBufferSize = _options.EdnsBufferSize,
        RequestDnsSecRecords = true,
        UseRandomNameServer = false,
    };

    private DnsAnswer FromResponse(string name, QueryType type, IDnsQueryResponse response, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var rcode = RcodeName(response.Header.ResponseCode);
        LogAnswer(_logger, name, type, rcode, response.NameServer?.ToString() ?? "?", elapsed.TotalMilliseconds);
        return new DnsAnswer(
            name, type, DnsOutcome.Answered, rcode,
            [.. response.Answers],
            [.. response.Authorities],
            response.Header.IsAuthenticData,
            response.NameServer?.ToString() ?? string.Empty,
            elapsed);
    }

    private DnsAnswer FromFailure(string name, QueryType type, string server, Exception ex, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var outcome = ex switch
        {
            DnsResponseException { Code: DnsResponseCode.ConnectionTimeout } => DnsOutcome.Timeout,
            TimeoutException => DnsOutcome.Timeout,
            DnsResponseException { InnerException: SocketException } => DnsOutcome.NetworkError,
            SocketException or IOException => DnsOutcome.NetworkError,
            _ => DnsOutcome.Malformed,
        };
        var message = outcome switch
        {
            DnsOutcome.Timeout => $"no answer within {_options.QueryTimeout.TotalSeconds:0.#} s ({_options.Retries + 1} attempts)",
            _ => ex.InnerException?.Message ?? ex.Message,
        };
        LogFailure(_logger, name, type, server, outcome, message);
        return new DnsAnswer(name, type, outcome, string.Empty, [], [], false, server, elapsed, message);
    }

    /// <summary>The conventional upper-case name of a response code.</summary>
    public static string RcodeName(int code) => code switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        16 => "BADVERS",
        _ => $"RCODE{code}",
    };

    private static string RcodeName(DnsHeaderResponseCode code) => RcodeName((int)code);

    [LoggerMessage(Level = LogLevel.Trace, Message = "DNS {Name} {Type}: {Rcode} from {Server} in {Milliseconds:0.0} ms")]
    private static partial void LogAnswer(ILogger logger, string name, QueryType type, string rcode, string server, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS {Name} {Type} via {Server} failed: {Outcome}: {Message}")]
    private static partial void LogFailure(ILogger logger, string name, QueryType type, string server, DnsOutcome outcome, string message);
}
