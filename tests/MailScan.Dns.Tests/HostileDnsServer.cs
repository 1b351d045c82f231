using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace MailScan.Dns.Tests;

/// <summary>
/// A tiny DNS server on a loopback address of this checkout's lab range (127.(100+LAB_INSTANCE).250.1)
/// that answers every query, over UDP and TCP, with what the test's handler makes of it.
/// </summary>
internal sealed class HostileDnsServer : IAsyncDisposable
{
    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loops;

    public HostileDnsServer(Func<byte[], bool, byte[]?> handler)
    {
        var instance = int.TryParse(Environment.GetEnvironmentVariable("LAB_INSTANCE"), out var n) ? n : 0;
        var address = IPAddress.Parse($"127.{100 + instance}.250.1");
        _udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _udp.Bind(new IPEndPoint(address, 0));
        EndPoint = (IPEndPoint)_udp.LocalEndPoint!;
        _tcp = new TcpListener(EndPoint);
        _tcp.Start();
        _loops = Task.WhenAll(UdpLoopAsync(handler), TcpLoopAsync(handler));
    }

    public IPEndPoint EndPoint { get; }

    private async Task UdpLoopAsync(Func<byte[], bool, byte[]?> handler)
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                if (handler(buffer[..received.ReceivedBytes], false) is { } reply)
                    await _udp.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                if (_stop.IsCancellationRequested)
                    return;
            }
        }
    }

    private async Task TcpLoopAsync(Func<byte[], bool, byte[]?> handler)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _tcp.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var prefix = new byte[2];
                await stream.ReadExactlyAsync(prefix, _stop.Token);
                var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await stream.ReadExactlyAsync(query, _stop.Token);
                if (handler(query, true) is { } reply)
                {
                    var framed = new byte[2 + reply.Length];
                    BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)reply.Length);
                    reply.CopyTo(framed, 2);
                    await stream.WriteAsync(framed, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                if (_stop.IsCancellationRequested)
                    return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        try
        {
            await _loops;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
