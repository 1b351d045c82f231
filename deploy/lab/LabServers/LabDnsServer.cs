using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace MailScan.LabServers;

/// <summary>One DNS listener (UDP and TCP on the same address and port) with one hostile behaviour.</summary>
public sealed class LabDnsServer(Behaviour behaviour, IPEndPoint endpoint, HostileDnsAnswers answers)
{
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(UdpAsync(cancellationToken), TcpServing.ServeAsync(endpoint, TcpAsync, cancellationToken));

    private async Task UdpAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(endpoint);
        var buffer = new byte[65535];
        EndPoint any = new IPEndPoint(endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                continue; // an ICMP error from an earlier answer's client
            }
            var answer = answers.Answer(behaviour, buffer.AsSpan(0, received.ReceivedBytes), tcp: false);
            if (answer is not null)
                await socket.SendToAsync(answer, SocketFlags.None, received.RemoteEndPoint, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task TcpAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        var prefix = new byte[2];
        while (true)
        {
            await stream.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
            var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
            await stream.ReadExactlyAsync(query, cancellationToken).ConfigureAwait(false);
            var answer = answers.Answer(behaviour, query, tcp: true);
            if (answer is null)
            {
                // Accepted, read, never answered: hold the connection until the client gives up.
                await TcpServing.DrainAsync(stream, cancellationToken).ConfigureAwait(false);
                return;
            }
            var framed = new byte[answer.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)answer.Length);
            answer.CopyTo(framed, 2);
            await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
        }
    }
}
