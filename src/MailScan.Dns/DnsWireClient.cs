using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MailScan.Dns.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Dns;

/// <summary>
/// The product's one DNS transport: a query over UDP (TCP when truncated, or TCP only), each
/// attempt under the configured timeout, retries across the given servers. A response counts only
/// when it comes from the server asked, with our id and our question; anything else on the socket
/// is ignored (spoofing, late answers). Never throws for DNS or network failures.
/// </summary>
public sealed partial class DnsWireClient
{
    private const int MaxMessage = 65535;
    private readonly DnsOptions _options;
    private readonly Func<ushort> _nextId;
    private readonly ILogger<DnsWireClient> _logger;

    public DnsWireClient(IOptions<DnsOptions> options, ILogger<DnsWireClient> logger)
        : this(options.Value, () => (ushort)RandomNumberGenerator.GetInt32(0, 65536), logger)
    {
    }

    /// <summary>With an injected id source (tests make ids predictable).</summary>
    public DnsWireClient(DnsOptions options, Func<ushort> nextId, ILogger<DnsWireClient> logger)
    {
        _options = options;
        _nextId = nextId;
        _logger = logger;
    }

    /// <summary>Asks the servers in turn until one answers, at most 1 + Retries attempts.</summary>
    public async Task<DnsExchange> ExchangeAsync(IReadOnlyList<IPEndPoint> servers, WireQuestion question, DnsQueryFlags flags, DnsTransport transport, CancellationToken cancellationToken)
    {
        if (servers.Count == 0)
            return DnsExchange.Failed(DnsOutcome.NetworkError, "(none)", TimeSpan.Zero, "no DNS server to ask");
        var started = Stopwatch.GetTimestamp();
        DnsExchange? last = null;
        var attempts = _options.Retries + 1;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var server = servers[attempt % servers.Count];
            last = await AttemptAsync(server, question, flags, transport, cancellationToken).ConfigureAwait(false);
            var retry = last.Outcome != DnsOutcome.Answered
                || (last.Message!.Rcode is 2 or 5 && servers.Count > 1); // SERVFAIL, REFUSED: another resolver may do better
            if (!retry)
                break;
            cancellationToken.ThrowIfCancellationRequested();
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (last!.Outcome == DnsOutcome.Timeout)
            last = last with { Error = $"no answer within {_options.QueryTimeout.TotalSeconds:0.#} s ({attempts} attempts){last.Error}" };
        LogExchange(_logger, question.Name.Display, DnsRecordType.Name(question.Type), last.Server, last.Outcome, elapsed.TotalMilliseconds);
        return last with { Elapsed = elapsed };
    }

    private async Task<DnsExchange> AttemptAsync(IPEndPoint server, WireQuestion question, DnsQueryFlags flags, DnsTransport transport, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var id = _nextId();
        var query = DnsQueryWriter.Write(id, question, flags);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.QueryTimeout);
        var ignored = new StrongBox<int>();
        try
        {
            if (transport == DnsTransport.Udp)
            {
                var udp = await UdpAsync(server, query, id, question, ignored, timeout.Token).ConfigureAwait(false);
                if (udp.Outcome != DnsOutcome.Answered || !udp.Message!.Truncated)
                    return udp with { Elapsed = Stopwatch.GetElapsedTime(started) };
            }
            var tcp = await TcpAsync(server, query, id, question, timeout.Token).ConfigureAwait(false);
            return tcp with { Elapsed = Stopwatch.GetElapsedTime(started) };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var note = ignored.Value > 0 ? $"; {ignored.Value} response(s) with a wrong id or question ignored" : string.Empty;
            return DnsExchange.Failed(DnsOutcome.Timeout, server.ToString(), Stopwatch.GetElapsedTime(started), note);
        }
        catch (SocketException ex)
        {
            return DnsExchange.Failed(DnsOutcome.NetworkError, server.ToString(), Stopwatch.GetElapsedTime(started), ex.Message);
        }
        catch (IOException ex)
        {
            return DnsExchange.Failed(DnsOutcome.NetworkError, server.ToString(), Stopwatch.GetElapsedTime(started), ex.Message);
        }
    }

    private static async Task<DnsExchange> UdpAsync(IPEndPoint server, byte[] query, ushort id, WireQuestion question, StrongBox<int> ignored, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // A connected UDP socket only receives datagrams from the server asked.
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(query, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        // Rented: a 64 KiB array per query would land on the large object heap every time.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxMessage);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                var raw = buffer.AsSpan(0, received);
                if (!IsOurs(raw, id))
                {
                    ignored.Value++;
                    continue;
                }
                var result = Accept(raw.ToArray(), server, question, out var otherQuestion);
                if (!otherQuestion)
                    return result;
                ignored.Value++;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<DnsExchange> TcpAsync(IPEndPoint server, byte[] query, ushort id, WireQuestion question, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        var framed = new byte[query.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);
        await socket.SendAsync(framed, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var prefix = new byte[2];
        if (!await ReadExactlyAsync(socket, prefix, cancellationToken).ConfigureAwait(false))
            return DnsExchange.Failed(DnsOutcome.NetworkError, server.ToString(), TimeSpan.Zero, "the server closed the TCP connection without an answer");
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        if (!await ReadExactlyAsync(socket, message, cancellationToken).ConfigureAwait(false))
            return DnsExchange.Failed(DnsOutcome.Malformed, server.ToString(), TimeSpan.Zero, $"the TCP answer ended before its {message.Length} octets");
        if (!IsOurs(message, id))
            return DnsExchange.Failed(DnsOutcome.Malformed, server.ToString(), TimeSpan.Zero, "the TCP answer carries another query id");
        return Accept(message, server, question, out _);
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
                return false;
            read += n;
        }
        return true;
    }

    private static bool IsOurs(ReadOnlySpan<byte> raw, ushort id) =>
        raw.Length >= 12 && BinaryPrimitives.ReadUInt16BigEndian(raw) == id && (raw[2] & 0x80) != 0;

    private static DnsExchange Accept(byte[] raw, IPEndPoint server, WireQuestion question, out bool otherQuestion)
    {
        otherQuestion = false;
        var (message, error) = DnsWireReader.Read(raw);
        if (error is not null)
            return DnsExchange.Failed(DnsOutcome.Malformed, server.ToString(), TimeSpan.Zero, error.ToString());
        var echoed = message!.Question;
        // RFC 1035 §7.3: a response must echo the question; some servers omit it on errors (FORMERR, NOTIMP).
        if (echoed is null ? message.Rcode == 0 : !(echoed.Name == question.Name && echoed.Type == question.Type && echoed.Class == question.Class))
        {
            otherQuestion = true;
            return DnsExchange.Failed(DnsOutcome.Malformed, server.ToString(), TimeSpan.Zero, $"the answer is for another question ({echoed?.ToString() ?? "none"})");
        }
        return new DnsExchange(DnsOutcome.Answered, message, raw, server.ToString(), TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "DNS {Name} {Type} via {Server}: {Outcome} in {Milliseconds:0.0} ms")]
    private static partial void LogExchange(ILogger logger, string name, string type, string server, DnsOutcome outcome, double milliseconds);
}
