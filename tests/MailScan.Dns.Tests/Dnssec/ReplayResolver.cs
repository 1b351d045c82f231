using System.Net;
using DnsClient;
using MailScan.Dns;
using MailScan.Dns.Dnssec;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Tests.Dnssec;

/// <summary>
/// Answers from captured raw messages, as the product's resolver would have returned them; a
/// question not captured times out. <see cref="Alter"/> may change a message's octets first (a
/// forged answer); <see cref="Asked"/> counts the questions.
/// </summary>
internal sealed class ReplayResolver(IReadOnlyDictionary<(string Name, ushort Type), byte[]> answers, string scope = "replay") : IDnsResolver
{
    public Func<string, ushort, byte[], byte[]>? Alter { get; set; }

    public int Asked { get; private set; }

    public string ResolverScope => scope;

    public Task<DnsAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        Asked++;
        var key = LabCapture.Key(name);
        if (!answers.TryGetValue((key, (ushort)type), out var raw))
            return Task.FromResult(DnsResolver.ToAnswer(name, type, DnsExchange.Failed(DnsOutcome.Timeout, "replay", TimeSpan.Zero, $"{key} {type} was not captured")));
        var wire = Alter?.Invoke(key, (ushort)type, (byte[])raw.Clone()) ?? raw;
        var (message, error) = DnsWireReader.Read(wire);
        var exchange = error is null
            ? new DnsExchange(DnsOutcome.Answered, message, wire, "replay", TimeSpan.Zero)
            : DnsExchange.Failed(DnsOutcome.Malformed, "replay", TimeSpan.Zero, error.ToString());
        return Task.FromResult(DnsResolver.ToAnswer(name, type, exchange));
    }

    public Task<DnsAnswer> QueryServerAsync(IPEndPoint server, string name, QueryType type, DnsTransport transport, CancellationToken cancellationToken) =>
        throw new NotSupportedException("replays answer recursive questions only");

    /// <summary>
    /// Flips one bit of the first occurrence of <paramref name="field"/> in the message, in its
    /// octet at <paramref name="offset"/> (its last by default): a forgery of that field.
    /// </summary>
    public static byte[] FlipBitIn(byte[] wire, byte[] field, int? offset = null)
    {
        var at = wire.AsSpan().IndexOf(field);
        if (at < 0)
            throw new InvalidOperationException("the field is not in the message");
        wire[at + (offset ?? field.Length - 1)] ^= 0x01;
        return wire;
    }
}
