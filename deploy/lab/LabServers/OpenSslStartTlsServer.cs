using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailScan.LabServers;

/// <summary>
/// A mail server whose TLS is OpenSSL's own `openssl s_server`, for what Postfix cannot show (it
/// refuses client-initiated renegotiation; s_server allows it): SMTP up to "220 ready for TLS" is
/// spoken here, then one s_server is started for the connection on a loopback port and the raw TLS
/// bytes are relayed to it; SMTP commands inside TLS reach s_server's standard output and are
/// answered through its standard input. With a renegotiation limit the relay closes the connection
/// when the client starts one renegotiation more than the limit, as a server with a low limit does.
/// With SSL 2.0 on, an SSL 2.0 CLIENT-HELLO is answered in SSL 2.0 (<see cref="Ssl2Door"/>) instead.
/// </summary>
public sealed class OpenSslStartTlsServer(OpenSslServerSettings settings)
{
    private static readonly TimeSpan ConnectionLimit = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(10);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(settings.Endpoint);
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
        limit.CancelAfter(ConnectionLimit);
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                await SayAsync(stream, $"220 {settings.Name} ESMTP OpenSSL\r\n", limit.Token).ConfigureAwait(false);
                if (await PlainDialogueAsync(stream, limit.Token).ConfigureAwait(false))
                    await TlsAsync(stream, limit.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or InvalidOperationException)
        {
            // The client went away, s_server did not start, or the minute is over: the sockets close.
        }
    }

    /// <summary>EHLO (with STARTTLS), STARTTLS, QUIT before TLS; true when the client asked for TLS and got 220.</summary>
    private async Task<bool> PlainDialogueAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        while (await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            if (verb == "STARTTLS")
            {
                await SayAsync(stream, "220 2.0.0 Ready to start TLS\r\n", cancellationToken).ConfigureAwait(false);
                return true;
            }
            if (verb == "QUIT")
            {
                await SayAsync(stream, "221 2.0.0 bye\r\n", cancellationToken).ConfigureAwait(false);
                return false;
            }
            await SayAsync(stream, Reply(verb, startTls: true), cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>One s_server for this connection; relays both ways until either side closes.</summary>
    private async Task TlsAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        byte[] start = [];
        if (settings.Ssl2)
        {
            start = await Ssl2Door.ReadStartAsync(stream, cancellationToken).ConfigureAwait(false);
            if (Ssl2Door.IsClientHello(start))
            {
                await Ssl2Door.AnswerAsync(stream, start, settings.Certificate, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        var port = FreeLoopbackPort();
        using var openssl = Process.Start(StartInfo(port)) ?? throw new InvalidOperationException("openssl did not start");
        try
        {
            _ = openssl.StandardError.ReadToEndAsync(cancellationToken);
            await WaitForAcceptAsync(openssl, cancellationToken).ConfigureAwait(false);
            using var backend = new TcpClient();
            await backend.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            var tls = backend.GetStream();
            using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var relays = new[]
            {
                FromClientAsync(stream, tls, start, done.Token),
                CopyAsync(tls, stream, done.Token),
                AnswerInsideTlsAsync(openssl, done.Token),
            };
            await Task.WhenAny(relays).ConfigureAwait(false);
            await done.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            if (!openssl.HasExited)
                openssl.Kill();
        }
    }

    /// <summary>Client to s_server (first the bytes already read); with a limit, ends the connection when the client starts one renegotiation too many.</summary>
    private async Task FromClientAsync(NetworkStream client, NetworkStream server, byte[] start, CancellationToken cancellationToken)
    {
        var counter = new RenegotiationCounter();
        var buffer = new byte[16384];
        try
        {
            counter.Feed(start);
            await server.WriteAsync(start, cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await client.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                counter.Feed(buffer.AsSpan(0, read));
                if (settings.RenegotiationLimit is { } limit && counter.Started > limit)
                    return;
                await server.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
        }
    }

    private static async Task CopyAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
        }
    }

    /// <summary>s_server prints what the client sends inside TLS (among its own notes); SMTP commands are answered on its input.</summary>
    private async Task AnswerInsideTlsAsync(Process openssl, CancellationToken cancellationToken)
    {
        try
        {
            while (await openssl.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                if (verb is "EHLO" or "HELO" or "NOOP" or "RSET" or "QUIT" or "MAIL" or "RCPT" or "DATA" or "VRFY" or "AUTH")
                {
                    await openssl.StandardInput.WriteAsync(verb == "QUIT" ? "221 2.0.0 bye\r\n" : Reply(verb, startTls: false)).ConfigureAwait(false);
                    await openssl.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
        }
    }

    private string Reply(string verb, bool startTls) => verb switch
    {
        "EHLO" => startTls ? $"250-{settings.Name}\r\n250-PIPELINING\r\n250 STARTTLS\r\n" : $"250-{settings.Name}\r\n250 PIPELINING\r\n",
        "HELO" => $"250 {settings.Name}\r\n",
        "NOOP" or "RSET" => "250 2.0.0 ok\r\n",
        _ => "502 5.5.2 not here\r\n",
    };

    /// <summary>s_server (not quiet) prints ACCEPT once it listens.</summary>
    private static async Task WaitForAcceptAsync(Process openssl, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(StartLimit);
        while (await openssl.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false) is { } line)
        {
            if (line == "ACCEPT")
                return;
        }
        throw new InvalidOperationException("openssl s_server ended before it listened");
    }

    private ProcessStartInfo StartInfo(int port)
    {
        var info = new ProcessStartInfo("openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // TLS 1.2 and 1.3, ECDHE with AEAD suites in the server's order, SHA-2 signatures, ECDHE groups only: good on every
        // other sub-test. Client renegotiation allowed (OpenSSL 3 refuses it by default); tickets
        // advertise 0-RTT. One connection, then s_server exits.
        string[] arguments =
        [
            "s_server", "-accept", $"127.0.0.1:{port}", "-naccept", "1",
            "-cert", settings.Certificate, "-key", settings.Key, "-cert_chain", settings.Chain,
            "-min_protocol", "TLSv1.2", "-serverpref", "-cipher", "ECDHE+AESGCM:ECDHE+CHACHA20",
            "-sigalgs", "ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512:ed25519:ed448:rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:RSA+SHA256:RSA+SHA384:RSA+SHA512",
            "-groups", "x25519:secp256r1:secp384r1:secp521r1",
            "-client_renegotiation", "-max_early_data", "16384",
        ];
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }

    private static int FreeLoopbackPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>One line, read byte by byte so nothing after STARTTLS (the client's TLS bytes) is consumed.</summary>
    private static async Task<string?> ReadLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (line.Length < 1024)
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
                return null;
            if (one[0] == '\n')
                return line.ToString().TrimEnd('\r');
            line.Append((char)one[0]);
        }
        return null;
    }

    private static async Task SayAsync(NetworkStream stream, string text, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).ConfigureAwait(false);
}
