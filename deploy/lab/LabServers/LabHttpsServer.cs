using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MailScan.LabServers;

/// <summary>An HTTPS listener that answers every request with an MTA-STS policy of 100 MiB, chunked (no Content-Length to refuse it by).</summary>
public sealed class LabHttpsServer(IPEndPoint endpoint, X509Certificate2 certificate)
{
    private const long PolicyBytes = 100L * 1024 * 1024;

    public Task RunAsync(CancellationToken cancellationToken) => TcpServing.ServeAsync(endpoint, ServeAsync, cancellationToken);

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        await using var tls = new SslStream(client.GetStream());
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, cancellationToken).ConfigureAwait(false);
        await ReadHeadersAsync(tls, cancellationToken).ConfigureAwait(false);
        await tls.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        var head = Encoding.ASCII.GetBytes("version: STSv1\nmode: enforce\nmax_age: 86400\n");
        await ChunkAsync(tls, head, cancellationToken).ConfigureAwait(false);
        var lines = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("mx: mx.hostile-mtasts.test\n", 2400)));
        for (long sent = head.Length; sent < PolicyBytes; sent += lines.Length)
            await ChunkAsync(tls, lines, cancellationToken).ConfigureAwait(false);
        await tls.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task ChunkAsync(Stream stream, byte[] data, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"), cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the request up to its empty line (at most 16 KiB).</summary>
    private static async Task ReadHeadersAsync(Stream stream, CancellationToken cancellationToken)
    {
        var seen = new StringBuilder();
        var one = new byte[1];
        while (seen.Length < 16384 && await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 1)
        {
            seen.Append((char)one[0]);
            if (seen.Length >= 4 && seen.ToString(seen.Length - 4, 4) == "\r\n\r\n")
                return;
        }
    }
}
