using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailScan.LabServers;

/// <summary>
/// A link with a round-trip time, for the parts of the lab that should feel far away (the
/// synthetic TLD's name servers and mail servers): every datagram and every chunk of a TCP
/// stream waits half the round trip, give or take half the jitter, in each direction, and a TCP
/// connection costs one round trip before the first byte. Order within a stream is kept.
/// </summary>
public sealed class DelayRelay(RelaySettings settings, TimeSpan roundTrip, TimeSpan jitter)
{
    private static readonly TimeSpan UdpIdle = TimeSpan.FromSeconds(5);

    /// <summary>Greylisting: per client address, when it first came and when it last came.</summary>
    private readonly ConcurrentDictionary<IPAddress, (DateTime First, DateTime Last)> _greylist = new();

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var running = new List<Task>();
        if (settings.Tcp)
            running.Add(TcpServing.ServeAsync(settings.Front, RelayTcpAsync, cancellationToken));
        if (settings.Udp)
            running.Add(RelayUdpAsync(cancellationToken));
        return Task.WhenAll(running);
    }

    /// <summary>One way across the link: half the round trip, moved by up to half the jitter either way.</summary>
    private TimeSpan OneWay() =>
        TimeSpan.FromMilliseconds(Math.Max(0, roundTrip.TotalMilliseconds / 2 + (Random.Shared.NextDouble() - 0.5) * jitter.TotalMilliseconds));

    private async Task RelayTcpAsync(TcpClient client, CancellationToken cancellationToken)
    {
        // The handshake: one round trip before the server side exists.
        await Task.Delay(OneWay() + OneWay(), cancellationToken).ConfigureAwait(false);
        var near = client.GetStream();
        if (settings.Tail == RelayTail.Reject421)
        {
            await near.WriteAsync(Encoding.ASCII.GetBytes("421 4.7.0 mx.synth too many connections, try again later\r\n"), cancellationToken).ConfigureAwait(false);
            return;
        }
        if (settings.Tail == RelayTail.Greylist && Greylisted(((IPEndPoint)client.Client.RemoteEndPoint!).Address) is { } left)
        {
            Console.WriteLine($"greylist: {client.Client.RemoteEndPoint} to {settings.Front} put off, {left.TotalSeconds:0.0} s left");
            await near.WriteAsync(Encoding.ASCII.GetBytes($"421 4.7.1 greylisted, try again in {Math.Ceiling(left.TotalSeconds)} seconds\r\n"), cancellationToken).ConfigureAwait(false);
            return;
        }
        using var server = new TcpClient(settings.Back.AddressFamily);
        await server.ConnectAsync(settings.Back, cancellationToken).ConfigureAwait(false);
        var far = server.GetStream();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var up = PumpAsync(near, far, RelayTail.None, either.Token);
        var down = PumpAsync(far, near, settings.Tail, either.Token);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await either.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>How long the client is still greylisted, or null once it may pass.</summary>
    private TimeSpan? Greylisted(IPAddress client)
    {
        var now = DateTime.UtcNow;
        var period = TimeSpan.FromSeconds(settings.SlowSeconds);
        var seen = _greylist.AddOrUpdate(client, _ => (now, now), (_, old) => now - old.Last > period * 3 ? (now, now) : (old.First, now));
        var left = seen.First + period - now;
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>Copies one direction, each chunk leaving no earlier than its due time and never before the one read ahead of it.</summary>
    private async Task PumpAsync(Stream from, Stream to, RelayTail tail, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var due = DateTime.UtcNow;
        var first = true;
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var arrival = DateTime.UtcNow + OneWay();
            if (first && tail == RelayTail.Slow)
                arrival += TimeSpan.FromSeconds(settings.SlowSeconds);
            first = false;
            due = arrival > due ? arrival : due;
            var wait = due - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            if (tail == RelayTail.Tarpit)
            {
                for (var i = 0; i < read; i++)
                {
                    await to.WriteAsync(buffer.AsMemory(i, 1), cancellationToken).ConfigureAwait(false);
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        to.Close();
    }

    /// <summary>Each client gets its own socket towards the server, so answers find their way back; idle ones are closed.</summary>
    private async Task RelayUdpAsync(CancellationToken cancellationToken)
    {
        using var front = new UdpClient(settings.Front);
        var sides = new ConcurrentDictionary<IPEndPoint, (UdpClient Socket, DateTime LastUsed)>();
        _ = SweepAsync(sides, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var received = await front.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            var client = received.RemoteEndPoint;
            var side = sides.AddOrUpdate(client,
                _ => (StartBackSide(front, client, cancellationToken), DateTime.UtcNow),
                (_, existing) => (existing.Socket, DateTime.UtcNow));
            _ = LaterAsync(() => side.Socket.SendAsync(received.Buffer, settings.Back, cancellationToken).AsTask(), cancellationToken);
        }
    }

    private UdpClient StartBackSide(UdpClient front, IPEndPoint client, CancellationToken cancellationToken)
    {
        // Bound before its receive loop starts (an unbound socket cannot receive).
        var any = settings.Back.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        var socket = new UdpClient(new IPEndPoint(any, 0));
        _ = Task.Run(async () =>
        {
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var answer = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                    _ = LaterAsync(() => front.SendAsync(answer.Buffer, client, cancellationToken).AsTask(), cancellationToken);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Closed by the sweep or at shutdown.
            }
        }, CancellationToken.None);
        return socket;
    }

    private async Task LaterAsync(Func<Task> send, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(OneWay(), cancellationToken).ConfigureAwait(false);
            await send().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A lost datagram, as on any link.
        }
    }

    private static async Task SweepAsync(ConcurrentDictionary<IPEndPoint, (UdpClient Socket, DateTime LastUsed)> sides, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(UdpIdle, cancellationToken).ConfigureAwait(false);
            foreach (var (client, side) in sides)
            {
                if (DateTime.UtcNow - side.LastUsed > UdpIdle && sides.TryRemove(client, out var removed))
                    removed.Socket.Dispose();
            }
        }
    }
}
