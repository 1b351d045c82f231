using System.Net;
using System.Net.Sockets;
using MailScan.Rpki;
using MailScan.Rpki.Rtr;

namespace MailScan.Rpki.Tests.Rtr;

/// <summary>An RTR cache on loopback that plays one script per connection, for the client's state machine.</summary>
internal sealed class ScriptedCache : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;
    private readonly CancellationTokenSource _stop = new();

    public ScriptedCache(params Func<CacheConnection, Task>[] scripts)
    {
        _listener.Start();
        Endpoint = new RtrEndpoint("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
        _serving = ServeAsync(scripts);
    }

    public RtrEndpoint Endpoint { get; }

    /// <summary>Every PDU the client sent, in order.</summary>
    public List<RtrPdu> Received { get; } = [];

    /// <summary>Stops accepting: later connections are refused.</summary>
    public void Close() => _listener.Stop();

    private async Task ServeAsync(Func<CacheConnection, Task>[] scripts)
    {
        foreach (var script in scripts)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await script(new CacheConnection(client.GetStream(), Received));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }

    public static Vrp V(string prefix, int maxLength, uint asn) => new(IpPrefix.Parse(prefix), (byte)maxLength, asn);

    /// <summary>The cache's side of one connection.</summary>
    public sealed class CacheConnection(NetworkStream stream, List<RtrPdu> received)
    {
        private readonly byte[] _buffer = new byte[65536];
        private int _filled;

        public async Task<RtrPdu> ExpectAsync(RtrPduType type, byte version = 1)
        {
            while (true)
            {
                if (RtrPduCodec.TryRead(_buffer.AsSpan(0, _filled), out var pdu, out var used, out var error) == RtrReadStatus.Complete)
                {
                    Buffer.BlockCopy(_buffer, used, _buffer, 0, _filled - used);
                    _filled -= used;
                    received.Add(pdu!);
                    Assert.Equal((type, version), (pdu!.Type, pdu.Version));
                    return pdu;
                }
                Assert.Null(error);
                var read = await stream.ReadAsync(_buffer.AsMemory(_filled)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                Assert.True(read > 0, $"the client closed the connection while the cache waited for {type}");
                _filled += read;
            }
        }

        public Task SendAsync(params RtrPdu[] pdus) => stream.WriteAsync(pdus.SelectMany(RtrPduCodec.Write).ToArray()).AsTask();

        /// <summary>Cache Response, the prefixes, End of Data: one answer to a query.</summary>
        public Task AnswerAsync(ushort session, uint serial, IEnumerable<(bool Announce, Vrp Vrp)> prefixes, byte version = 1, RtrTimers? timers = null) =>
            SendAsync([
                new RtrPdu(version, RtrPduType.CacheResponse) { SessionId = session },
                .. prefixes.Select(p => new RtrPdu(version, p.Vrp.Prefix.IsIpv6 ? RtrPduType.Ipv6Prefix : RtrPduType.Ipv4Prefix) { Announce = p.Announce, Vrp = p.Vrp }),
                new RtrPdu(version, RtrPduType.EndOfData) { SessionId = session, Serial = serial, Timers = version == 0 ? null : timers ?? RtrTimers.Default },
            ]);

        /// <summary>Waits until the client closes its side.</summary>
        public async Task DrainAsync()
        {
            while (await stream.ReadAsync(_buffer.AsMemory(_filled)).AsTask().WaitAsync(TimeSpan.FromSeconds(10)) is var read and > 0)
            {
                _filled += read;
                while (RtrPduCodec.TryRead(_buffer.AsSpan(0, _filled), out var pdu, out var used, out _) == RtrReadStatus.Complete)
                {
                    received.Add(pdu!);
                    Buffer.BlockCopy(_buffer, used, _buffer, 0, _filled - used);
                    _filled -= used;
                }
            }
        }
    }
}
