using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace MailScan.LabServers;

/// <summary>An RTR "cache" (RFC 8210) that answers a router's query with garbage, or with prefixes that never end.</summary>
public sealed class LabRtrServer(Behaviour behaviour, IPEndPoint endpoint)
{
    public Task RunAsync(CancellationToken cancellationToken) => TcpServing.ServeAsync(endpoint, ServeAsync, cancellationToken);

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        var query = new byte[8];
        await stream.ReadExactlyAsync(query, cancellationToken).ConfigureAwait(false);
        var version = query[0] <= 1 ? query[0] : (byte)1;
        if (behaviour == Behaviour.RtrGarbage)
        {
            // A header whose length no PDU can have, then noise.
            byte[] header = [version, 4, 0, 0, 0xFF, 0xFF, 0xFF, 0xF0];
            var noise = new byte[4096];
            Random.Shared.NextBytes(noise);
            await stream.WriteAsync((byte[])[.. header, .. noise], cancellationToken).ConfigureAwait(false);
            await TcpServing.DrainAsync(stream, cancellationToken).ConfigureAwait(false);
            return;
        }
        await stream.WriteAsync(new byte[] { version, 3, 0x12, 0x34, 0, 0, 0, 8 }, cancellationToken).ConfigureAwait(false);
        await FloodAsync(stream, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>IPv4 Prefix PDUs announcing a different /24 each (AS 64500), as fast as the router takes them.</summary>
    private static async Task FloodAsync(NetworkStream stream, byte version, CancellationToken cancellationToken)
    {
        const int perWrite = 2048;
        var batch = new byte[perWrite * 20];
        for (uint n = 0; ; n += perWrite)
        {
            for (var i = 0; i < perWrite; i++)
            {
                var pdu = batch.AsSpan(i * 20, 20);
                pdu[0] = version;
                pdu[1] = 4;
                pdu[2] = pdu[3] = 0;
                BinaryPrimitives.WriteUInt32BigEndian(pdu[4..], 20);
                pdu[8] = 1; // announce
                pdu[9] = 24;
                pdu[10] = 24;
                pdu[11] = 0;
                BinaryPrimitives.WriteUInt32BigEndian(pdu[12..], (n + (uint)i) << 8);
                BinaryPrimitives.WriteUInt32BigEndian(pdu[16..], 64500);
            }
            await stream.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }
}
