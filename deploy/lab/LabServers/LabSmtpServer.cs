using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailScan.LabServers;

/// <summary>One listener with one behaviour; every connection is handled on its own and closed after at most a minute.</summary>
public sealed class LabSmtpServer(Behaviour behaviour, IPEndPoint endpoint)
{
    private static readonly TimeSpan TarpitDelay = TimeSpan.FromSeconds(20);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(endpoint);
        listener.Start();
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            _ = Task.Run(() => ServeAsync(client, cancellationToken), cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                switch (behaviour)
                {
                    case Behaviour.Tarpit:
                        await Task.Delay(TarpitDelay, limit.Token).ConfigureAwait(false);
                        await SayAsync(stream, "220 tarpit.lab.test ESMTP slow\r\n", limit.Token).ConfigureAwait(false);
                        await DialogueAsync(stream, startTls: false, limit.Token).ConfigureAwait(false);
                        break;
                    case Behaviour.Reject421:
                        await SayAsync(stream, "421 4.7.0 busy.lab.test too many connections, try again later\r\n", limit.Token).ConfigureAwait(false);
                        break;
                    default:
                        await SayAsync(stream, "220 broken.lab.test ESMTP\r\n", limit.Token).ConfigureAwait(false);
                        await DialogueAsync(stream, startTls: true, limit.Token).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            // The client went away or the minute is over: nothing to clean up beyond the socket.
        }
    }

    /// <summary>EHLO, STARTTLS (then non-TLS bytes), QUIT; anything else gets 502.</summary>
    private static async Task DialogueAsync(NetworkStream stream, bool startTls, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            if (verb is "EHLO" or "HELO")
                await SayAsync(stream, startTls ? "250-lab.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n" : "250-lab.test\r\n250 PIPELINING\r\n", cancellationToken).ConfigureAwait(false);
            else if (verb == "STARTTLS" && startTls)
            {
                await SayAsync(stream, "220 2.0.0 Ready to start TLS\r\n", cancellationToken).ConfigureAwait(false);
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                await SayAsync(stream, "this is not TLS\r\n", cancellationToken).ConfigureAwait(false);
                return;
            }
            else if (verb == "QUIT")
            {
                await SayAsync(stream, "221 2.0.0 bye\r\n", cancellationToken).ConfigureAwait(false);
                return;
            }
            else
                await SayAsync(stream, "502 5.5.2 not here\r\n", cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task SayAsync(NetworkStream stream, string text, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).ConfigureAwait(false);
}
