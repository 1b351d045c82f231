using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailScan.LabServers;

/// <summary>
/// The place the lab's AIA certificates name as their issuer's: an HTTP listener that appends one
/// line per request to a file (the witness of the certificate-download test) and answers with the
/// issuer, so a client that downloads it really would complete the chain.
/// </summary>
public sealed class LabAiaRecorder(IPEndPoint endpoint, string issuerFile, string logFile)
{
    private readonly Lock _write = new();

    public Task RunAsync(CancellationToken cancellationToken)
    {
        File.WriteAllText(logFile, string.Empty);
        return TcpServing.ServeAsync(endpoint, ServeAsync, cancellationToken);
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        var requestLine = await ReadRequestLineAsync(stream, cancellationToken).ConfigureAwait(false);
        lock (_write)
            File.AppendAllText(logFile, $"{DateTimeOffset.UtcNow:O} {client.Client.RemoteEndPoint} -> {endpoint} {requestLine}\n");
        var body = await File.ReadAllBytesAsync(issuerFile, cancellationToken).ConfigureAwait(false);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/pkix-cert\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first line of the request, then the rest of its head is read and dropped (at most 16 KiB in all).</summary>
    private static async Task<string> ReadRequestLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var seen = new StringBuilder();
        var one = new byte[1];
        while (seen.Length < 16384 && await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 1)
        {
            seen.Append((char)one[0]);
            if (seen.Length >= 4 && seen.ToString(seen.Length - 4, 4) == "\r\n\r\n")
                break;
        }
        var text = seen.ToString();
        var end = text.IndexOf('\r', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
