using System.Net.Sockets;
using System.Threading.Channels;

namespace MailScan.Rpki.Rtr;

/// <summary>
/// One transport session with a cache: a reader loop turns the byte stream into PDUs (so waiting
/// for a Serial Notify never cancels a socket read halfway), and PDUs are written whole.
/// </summary>
internal sealed class RtrConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    /// <summary>
    /// Bounded, so a cache that sends faster than we take (or without end) is slowed down by TCP
    /// instead of filling memory: the reader waits while the queue is full.
    /// </summary>
    private readonly Channel<RtrPdu> _received = Channel.CreateBounded<RtrPdu>(new BoundedChannelOptions(4096) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    public RtrConnection(Stream stream)
    {
        _stream = stream;
        _reading = Task.Run(ReadLoopAsync);
    }

    /// <summary>Connects to a cache within the time limit.</summary>
    public static async Task<RtrConnection> ConnectAsync(RtrEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new RtrException($"no connection to {endpoint} within {timeout.TotalSeconds:0} s");
        }
        catch (SocketException ex)
        {
            client.Dispose();
            throw new RtrException($"cannot connect to {endpoint}: {ex.Message}");
        }
        return new RtrConnection(client.GetStream());
    }

    public async Task SendAsync(RtrPdu pdu, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.WriteAsync(RtrPduCodec.Write(pdu), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw new RtrException($"the cache closed the connection: {ex.Message}");
        }
    }

    /// <summary>The next PDU, or null when none arrived within the wait.</summary>
    public async Task<RtrPdu?> ReceiveAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var read = _received.Reader.ReadAsync(limit.Token).AsTask();
        var timeout = Task.Delay(wait, time, limit.Token);
        var first = await Task.WhenAny(read, timeout).ConfigureAwait(false);
        await limit.CancelAsync().ConfigureAwait(false);
        if (first == read)
        {
            try
            {
                return await read.ConfigureAwait(false);
            }
            catch (ChannelClosedException ex)
            {
                throw ex.InnerException as RtrException ?? new RtrException("the cache closed the connection");
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        return null;
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[RtrPduCodec.MaxPduLength * 2];
        var filled = 0;
        Exception? failure = null;
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer.AsMemory(filled), _stop.Token).ConfigureAwait(false);
                if (read == 0)
                    break;
                filled += read;
                var (pdus, used) = Decode(buffer.AsSpan(0, filled));
                foreach (var pdu in pdus)
                    await _received.Writer.WriteAsync(pdu, _stop.Token).ConfigureAwait(false);
                Buffer.BlockCopy(buffer, used, buffer, 0, filled - used);
                filled -= used;
            }
        }
        catch (RtrException ex)
        {
            failure = ex;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            failure = new RtrException($"the connection to the cache broke: {ex.Message}");
        }
        _received.Writer.TryComplete(failure ?? new RtrException("the cache closed the connection"));
    }

    /// <summary>The complete PDUs at the start of the buffer, and how many octets they took.</summary>
    private static (List<RtrPdu> Pdus, int Used) Decode(ReadOnlySpan<byte> data)
    {
        var pdus = new List<RtrPdu>();
        var used = 0;
        while (true)
        {
            var status = RtrPduCodec.TryRead(data[used..], out var pdu, out var consumed, out var error);
            if (status == RtrReadStatus.NeedMore)
                return (pdus, used);
            if (status == RtrReadStatus.Error)
                throw new RtrException($"the cache sent an invalid PDU ({error})", error!.Code);
            pdus.Add(pdu!);
            used += consumed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
        _stop.Dispose();
    }
}
