using System.Net;
using System.Net.Sockets;
using System.Text;
using MailScan.Checks.Options;
using MailScan.Checks.Smtp;
using MailScan.Tls.Codec;
using MailScan.Tls.Enumeration;

namespace MailScan.Checks.StartTls;

/// <summary>
/// One short connection for one raw hello: connect, greeting, one EHLO, STARTTLS, 220, then our
/// ClientHello and the server's answer up to the end of its clear first flight; then close.
/// </summary>
/// <remarks><paramref name="greeted"/> hears how long each 220 greeting took to arrive.</remarks>
internal sealed class RawStartTlsConnection(SmtpOptions smtp, string ehloName, TimeProvider time, Action<TimeSpan> greeted)
{
    /// <summary>The EHLO this client says, before STARTTLS and inside TLS.</summary>
    public ReadOnlyMemory<byte> EhloLine { get; } = Encoding.ASCII.GetBytes($"EHLO {ehloName}\r\n");

    private const int MaxReplyBytes = 64 * 1024;

    public Task<HelloOutcome> ExchangeAsync(IPAddress address, ClientHelloSpec hello, CancellationToken cancellationToken) =>
        AfterStartTlsAsync(address, (stream, token) => HelloAsync(stream, hello, token), refusal => HelloOutcome.NotUsable(refusal.Reason, refusal.TryLater), cancellationToken);

    /// <summary>Connects, says EHLO and STARTTLS, and hands the stream to the TLS part; <paramref name="unusable"/> says why it could not.</summary>
    public async Task<T> AfterStartTlsAsync<T>(IPAddress address, Func<NetworkStream, CancellationToken, Task<T>> tls, Func<StartTlsRefusal, T> unusable, CancellationToken cancellationToken)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var connect = await SmtpTcpConnect.ConnectAsync(socket, address, smtp.Port, smtp.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        // Raw connections follow a session the server greeted: a refused or silent connect now is the server putting us off.
        if (connect is { } failure)
            return unusable(new StartTlsRefusal(failure.Error, failure.State is SmtpConnectState.ConnectTimeout or SmtpConnectState.Refused));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var dialogue = await StartTlsAsync(stream, cancellationToken).ConfigureAwait(false);
        if (dialogue is not null)
            return unusable(dialogue);
        return await tls(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The SMTP part; null when the server said 220 to STARTTLS, else why not. Nothing after the 220 is read.</summary>
    internal async Task<StartTlsRefusal?> StartTlsAsync(Stream stream, CancellationToken cancellationToken)
    {
        var waiting = time.GetTimestamp();
        var greeting = await ReplyAsync(stream, smtp.BannerTimeout, cancellationToken).ConfigureAwait(false);
        if (greeting is { Code: 220 })
            greeted(time.GetElapsedTime(waiting));
        if (greeting is not { Code: 220 })
            return greeting is null
                ? new StartTlsRefusal($"no greeting within {smtp.BannerTimeout.TotalSeconds:0} s", false)
                : new StartTlsRefusal($"greeting {greeting.Code} {greeting.Text}", greeting.Code is >= 400 and < 500);
        await stream.WriteAsync(EhloLine, cancellationToken).ConfigureAwait(false);
        var ehlo = await ReplyAsync(stream, smtp.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (ehlo is not { Code: 250 })
            return new StartTlsRefusal(ehlo is null ? "no reply to EHLO" : $"EHLO answered {ehlo.Code} {ehlo.Text}", false);
        if (!SmtpTranscript.OffersStartTls(SmtpTranscript.Extensions(ehlo)))
            return new StartTlsRefusal("STARTTLS is not offered", false);
        await SendAsync(stream, "STARTTLS\r\n", cancellationToken).ConfigureAwait(false);
        var start = await ReplyAsync(stream, smtp.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return start is { Code: 220 } ? null : new StartTlsRefusal(start is null ? "no reply to STARTTLS" : $"STARTTLS answered {start.Code} {start.Text}", false);
    }

    private async Task<HelloOutcome> HelloAsync(NetworkStream stream, ClientHelloSpec hello, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(smtp.CommandTimeout);
        var received = new List<byte>(8192);
        var buffer = new byte[16384];
        try
        {
            await stream.WriteAsync(ClientHelloWriter.Write(hello), timeout.Token).ConfigureAwait(false);
            while (true)
            {
                var read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
                if (read == 0)
                    return HelloOutcome.Refused(received.Count == 0 ? "the server closed the connection" : "the server closed the connection mid-flight");
                received.AddRange(buffer.AsSpan(0, read));
                var parse = ServerFlightParser.Parse(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(received));
                if (parse.Error is { NeedsMore: false } error)
                    return HelloOutcome.Refused($"not TLS: {error}");
                if (parse.Value is { } flight)
                    return HelloOutcome.Of(flight);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HelloOutcome.Refused($"no complete answer to the hello within {smtp.CommandTimeout.TotalSeconds:0} s");
        }
        catch (IOException ex)
        {
            return HelloOutcome.Refused($"connection broken: {ex.Message}");
        }
    }

    private static async Task SendAsync(Stream stream, string line, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(line), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Reads one complete SMTP reply byte by byte, so nothing after it (the TLS bytes) is consumed;
    /// null when the server closed, went silent, or sent no reply the reader takes within the size limit.
    /// </summary>
    private static async Task<SmtpReply?> ReplyAsync(Stream stream, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        var text = new StringBuilder();
        var one = new byte[1];
        try
        {
            while (true)
            {
                if (await stream.ReadAsync(one, timeout.Token).ConfigureAwait(false) == 0)
                    return null;
                text.Append((char)one[0]);
                if (one[0] != '\n' && text.Length < MaxReplyBytes)
                    continue;
                var reply = SmtpReplyReader.First(text.ToString(), MaxReplyBytes);
                if (reply.Error is not { Fault: SmtpReplyFault.Unfinished })
                    return reply.Value;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
