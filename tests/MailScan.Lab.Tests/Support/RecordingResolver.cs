using System.Collections.Concurrent;
using System.Net;
using DnsClient;
using MailScan.Checks.Options;
using MailScan.Dns;
using MailScan.Dns.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Lab.Tests.Support;

/// <summary>
/// A resolver for capturing lab answers: asks the lab's resolver as the product does (RD, CD, DO,
/// EDNS 1232), without a cache, and keeps the last raw response to every question.
/// </summary>
internal sealed class RecordingResolver(DnsOptions options) : IDnsResolver
{
    private readonly DnsWireClient _client = new(options, () => (ushort)Random.Shared.Next(65536), NullLogger<DnsWireClient>.Instance);
    private readonly IPEndPoint _server = IPEndPoint.Parse(options.Resolvers[0]);
    private readonly DnsQueryFlags _flags = new(RecursionDesired: true, CheckingDisabled: true, DnssecOk: true, 1232);

    /// <summary>Raw responses by question (name in lower case with the trailing dot, type number).</summary>
    public ConcurrentDictionary<(string Name, ushort Type), byte[]> Recorded { get; } = new();

    public string ResolverScope => "capture";

    public async Task<DnsAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        var question = new WireQuestion(DnsName.Parse(name), (ushort)type);
        var exchange = await _client.ExchangeAsync([_server], question, _flags, DnsTransport.Udp, cancellationToken);
        if (exchange.Raw is { } raw)
            Recorded[(question.Name.ToString().ToLowerInvariant(), (ushort)type)] = raw;
        return DnsResolver.ToAnswer(name, type, exchange);
    }

    public Task<DnsAnswer> QueryServerAsync(IPEndPoint server, string name, QueryType type, DnsTransport transport, CancellationToken cancellationToken) =>
        throw new NotSupportedException("captures ask the resolver only");
}
