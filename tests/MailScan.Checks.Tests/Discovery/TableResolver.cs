using System.Collections.Concurrent;
using System.Net;
using DnsClient;
using DnsClient.Protocol;
using MailScan.Dns;

namespace MailScan.Checks.Tests.Discovery;

/// <summary>A resolver that answers from a table of records ("name TYPE data") and counts what it was asked.</summary>
internal sealed class TableResolver(params string[] records) : IDnsResolver
{
    private readonly Dictionary<(string, QueryType), string> _failures = [];

    public ConcurrentBag<(string Name, QueryType Type)> Asked { get; } = [];

    /// <summary>Makes a question fail with an RCODE (SERVFAIL, ...).</summary>
    public TableResolver Failing(string name, QueryType type, string rcode)
    {
        _failures[(name, type)] = rcode;
        return this;
    }

    public Task<DnsAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        Asked.Add((name, type));
        if (_failures.TryGetValue((name, type), out var rcode))
            return Task.FromResult(Answer(name, type, rcode, []));
        var answers = records.Select(r => r.Split(' ')).Where(r => r[0] == name && r[1] == type.ToString()).Select(r => Record(r, type)).ToList();
        var exists = answers.Count > 0 || records.Any(r => r.Split(' ')[0] == name || r.Split(' ')[0].EndsWith("." + name, StringComparison.Ordinal));
        return Task.FromResult(Answer(name, type, exists ? "NOERROR" : "NXDOMAIN", answers));
    }

    public Task<DnsAnswer> QueryServerAsync(IPEndPoint server, string name, QueryType type, DnsTransport transport, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private static DnsAnswer Answer(string name, QueryType type, string rcode, IReadOnlyList<DnsResourceRecord> answers) =>
        new(name, type, DnsOutcome.Answered, rcode, answers, [], false, "table", TimeSpan.Zero);

    private static DnsResourceRecord Record(string[] parts, QueryType type)
    {
        var info = new ResourceRecordInfo(parts[0] + ".", (ResourceRecordType)type, QueryClass.IN, 300, 0);
        return type switch
        {
            QueryType.MX => new MxRecord(info, ushort.Parse(parts[2]), DnsString.Parse(parts[3])),
            QueryType.NS => new NsRecord(info, DnsString.Parse(parts[2])),
            QueryType.A or QueryType.AAAA => (DnsResourceRecord)(type == QueryType.A ? new ARecord(info, IPAddress.Parse(parts[2])) : new AaaaRecord(info, IPAddress.Parse(parts[2]))),
            _ => throw new NotSupportedException(type.ToString()),
        };
    }
}
