using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MailScan.LabServers;

/// <summary>One SMTP listener with one hostile or broken behaviour; <paramref name="certificate"/> for the behaviours that complete a TLS handshake.</summary>
public sealed class LabSmtpServer(Behaviour behaviour, IPEndPoint endpoint, X509Certificate2? certificate = null)
{
    private static readonly TimeSpan TarpitDelay = TimeSpan.FromSeconds(20);
    private const int HugeLineBytes = 10 * 1024 * 1024;
    private const string Greeting = "220 lab.test ESMTP\r\n";

    public Task RunAsync(CancellationToken cancellationToken) => TcpServing.ServeAsync(endpoint, ServeAsync, cancellationToken);

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        switch (behaviour)
        {
            case Behaviour.Tarpit:
                await Task.Delay(TarpitDelay, cancellationToken).ConfigureAwait(false);
                await SayAsync(stream, "220 tarpit.lab.test ESMTP slow\r\n", cancellationToken).ConfigureAwait(false);
                await DialogueAsync(stream, null, cancellationToken).ConfigureAwait(false);
                break;
            case Behaviour.Reject421:
                await SayAsync(stream, "421 4.7.0 busy.lab.test too many connections, try again later\r\n", cancellationToken).ConfigureAwait(false);
                break;
            case Behaviour.NoBanner:
                await TcpServing.DrainAsync(stream, cancellationToken).ConfigureAwait(false);
                break;
            case Behaviour.SlowBanner:
                await SlowGreetingAsync(stream, cancellationToken).ConfigureAwait(false);
                break;
            case Behaviour.HugeLine:
                await HugeGreetingAsync(stream, cancellationToken).ConfigureAwait(false);
                await DialogueAsync(stream, null, cancellationToken).ConfigureAwait(false);
                break;
            case Behaviour.SilentAfterGreeting:
                await SayAsync(stream, Greeting, cancellationToken).ConfigureAwait(false);
                await TcpServing.DrainAsync(stream, cancellationToken).ConfigureAwait(false);
                break;
            case Behaviour.ResetAfterEhlo:
                await SayAsync(stream, Greeting, cancellationToken).ConfigureAwait(false);
                await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
                // Linger 0: close() sends a RST instead of a FIN.
                client.Client.LingerState = new LingerOption(true, 0);
                client.Client.Close();
                break;
            case Behaviour.EndlessReply:
                await SayAsync(stream, Greeting, cancellationToken).ConfigureAwait(false);
                await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
                await EndlessReplyAsync(stream, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await SayAsync(stream, Greeting, cancellationToken).ConfigureAwait(false);
                await DialogueAsync(stream, AfterStartTls(behaviour), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>What a STARTTLS behaviour sends once it said 220 to STARTTLS.</summary>
    private Func<NetworkStream, CancellationToken, Task> AfterStartTls(Behaviour behaviour) => behaviour switch
    {
        Behaviour.TlsGarbage => TlsFlights.GarbageRecordsAsync,
        Behaviour.BadServerHello => TlsFlights.ImpossibleServerHelloAsync,
        Behaviour.TlsEndlessHandshake => TlsFlights.ServerHelloThenHelloRequestsAsync,
        Behaviour.TlsEndlessReply => EndlessReplyInsideTlsAsync,
        _ => TlsFlights.PlainTextAsync,
    };

    /// <summary>A real handshake, then EHLO inside TLS answered without end.</summary>
    private async Task EndlessReplyInsideTlsAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        await using var tls = new SslStream(stream, leaveInnerStreamOpen: true);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, cancellationToken).ConfigureAwait(false);
        await ReadLineAsync(tls, cancellationToken).ConfigureAwait(false);
        await EndlessReplyAsync(tls, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>EHLO (offering STARTTLS when there is something to do after it), STARTTLS, QUIT; anything else gets 502.</summary>
    private static async Task DialogueAsync(NetworkStream stream, Func<NetworkStream, CancellationToken, Task>? afterStartTls, CancellationToken cancellationToken)
    {
        while (await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            if (verb is "EHLO" or "HELO")
                await SayAsync(stream, afterStartTls is null ? "250-lab.test\r\n250 PIPELINING\r\n" : "250-lab.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n", cancellationToken).ConfigureAwait(false);
            else if (verb == "STARTTLS" && afterStartTls is not null)
            {
                await SayAsync(stream, "220 2.0.0 Ready to start TLS\r\n", cancellationToken).ConfigureAwait(false);
                await afterStartTls(stream, cancellationToken).ConfigureAwait(false);
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

    private static async Task SlowGreetingAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var banner = Encoding.ASCII.GetBytes("220 slow.lab.test ESMTP one byte per second, and more than a minute of them\r\n");
        foreach (var octet in banner)
        {
            await stream.WriteAsync(new[] { octet }, cancellationToken).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task HugeGreetingAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        await SayAsync(stream, "220 ", cancellationToken).ConfigureAwait(false);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        for (var sent = 0; sent < HugeLineBytes; sent += chunk.Length)
            await stream.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        await SayAsync(stream, "\r\n", cancellationToken).ConfigureAwait(false);
    }

    private static async Task EndlessReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder("250-lab.test\r\n");
        for (var i = 0; i < 2048; i++)
            lines.Append("250-X-PADDING-").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        var chunk = Encoding.ASCII.GetBytes(lines.ToString());
        while (true)
            await stream.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One line from the client (byte by byte, so nothing after it is consumed); null when it closed.</summary>
    private static async Task<string?> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (line.Length < 4096)
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
                return null;
            if (one[0] == '\n')
                return line.ToString().TrimEnd('\r');
            line.Append((char)one[0]);
        }
        return line.ToString();
    }

    private static async Task SayAsync(NetworkStream stream, string text, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).ConfigureAwait(false);
}
