using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace MailScan.LabServers;

/// <summary>
/// The accept loop every TCP behaviour shares: each connection is served on its own and closed
/// after at most a minute, so a scanner that never hangs up cannot pile connections up here.
/// </summary>
internal static class TcpServing
{
    public static readonly TimeSpan ConnectionLimit = TimeSpan.FromMinutes(1);

    public static async Task ServeAsync(IPEndPoint endpoint, Func<TcpClient, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(endpoint);
        listener.Start(512);
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            _ = Task.Run(() => HandleAsync(client, handle, cancellationToken), CancellationToken.None);
        }
    }

    private static async Task HandleAsync(TcpClient client, Func<TcpClient, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ConnectionLimit);
        try
        {
            using (client)
                await handle(client, limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or AuthenticationException or ObjectDisposedException)
        {
            // The client went away or the minute is over: nothing to clean up beyond the socket.
        }
    }

    /// <summary>Reads and throws away whatever the client sends until it closes or the time is up.</summary>
    public static async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }
}
