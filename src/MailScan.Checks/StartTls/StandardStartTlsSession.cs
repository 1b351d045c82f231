using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailScan.Checks.Options;
using MailScan.Checks.Smtp;
using MailScan.Tls;

namespace MailScan.Checks.StartTls;

/// <summary>
/// One clean session as a standard client makes it, with MailKit: greeting, EHLO, STARTTLS, the
/// TLS handshake of .NET (whatever the platform allows), EHLO, QUIT. Keeps the presented chain.
/// </summary>
internal sealed class StandardStartTlsSession(SmtpOptions smtp, string ehloName)
{
    public async Task<StandardSessionResult> RunAsync(IPAddress address, string? serverName, CancellationToken cancellationToken)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var refused = await SmtpTcpConnect.ConnectAsync(socket, address, smtp.Port, smtp.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        if (refused is { } failure)
            return new(failure.State, null, null, false, null, [], failure.Error);

        var chain = new List<byte[]>();
        using var transcript = new SmtpTranscript();
        using var client = new OfflineChainSmtpClient(transcript)
        {
            LocalDomain = ehloName,
            Timeout = (int)smtp.BannerTimeout.TotalMilliseconds,
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = (_, certificate, x509Chain, _) => Keep(certificate, x509Chain, chain),
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(smtp.BannerTimeout + smtp.CommandTimeout * 3);
            await client.ConnectAsync(new SmtpReplyLimitStream(new NetworkStream(socket, ownsSocket: false)), serverName ?? address.ToString(), smtp.Port, SecureSocketOptions.StartTlsWhenAvailable, timeout.Token).ConfigureAwait(false);
            var handshake = client.IsSecure
                ? new StartTlsHandshake(true, TlsVersionNames.Of(client.SslProtocol), client.SslCipherSuite?.ToString(), null)
                : null;
            await SmtpQuit.SendAsync(client, smtp.CommandTimeout, cancellationToken).ConfigureAwait(false);
            return Result(SmtpConnectState.Greeted, transcript, handshake, chain, null);
        }
        catch (SmtpCommandException ex)
        {
            return Failed(transcript, chain, $"{(int)ex.StatusCode} {ex.Message}");
        }
        catch (SslHandshakeException ex)
        {
            var handshake = new StartTlsHandshake(false, null, null, Flatten(ex));
            return Result(SmtpConnectState.Greeted, transcript, handshake, chain, null);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            var waitedFor = SmtpReplyReader.All(transcript.ServerText).Count switch { 0 => "greeting", 1 => "reply to EHLO", 2 => "reply to STARTTLS", _ => "reply" };
            return Result(SmtpConnectState.BannerTimeout, transcript, null, chain, $"no {waitedFor} within the time limit");
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or AuthenticationException)
        {
            return Failed(transcript, chain, Flatten(ex));
        }
    }

    /// <summary>A failure after the greeting: if EHLO and STARTTLS were answered, the TLS step broke.</summary>
    private static StandardSessionResult Failed(SmtpTranscript transcript, List<byte[]> chain, string error)
    {
        var replies = SmtpReplyReader.All(transcript.ServerText);
        if (replies.Count == 0)
            return Result(SmtpConnectState.Dropped, transcript, null, chain, error);
        if (replies[0].Code != 220)
            return Result(replies[0].Code >= 500 ? SmtpConnectState.Rejected : SmtpConnectState.TemporarilyRejected, transcript, null, chain, error);
        var startTlsAccepted = replies.Count >= 3 && replies[2].Code == 220;
        return startTlsAccepted
            ? Result(SmtpConnectState.Greeted, transcript, new StartTlsHandshake(false, null, null, error), chain, null)
            : Result(replies.Count >= 2 ? SmtpConnectState.Greeted : SmtpConnectState.Dropped, transcript, null, chain, error);
    }

    private static StandardSessionResult Result(SmtpConnectState state, SmtpTranscript transcript, StartTlsHandshake? handshake, List<byte[]> chain, string? error)
    {
        var replies = SmtpReplyReader.All(transcript.ServerText);
        var greeting = replies.Count > 0 ? replies[0] : null;
        var ehlo = replies.Count > 1 ? replies[1] : null;
        var offered = ehlo is { Code: 250 } && SmtpTranscript.OffersStartTls(SmtpTranscript.Extensions(ehlo));
        return new(state, greeting?.Code, greeting is null ? null : string.Join(" / ", greeting.Lines), offered, handshake, chain, error);
    }

    private static bool Keep(X509Certificate? certificate, X509Chain? x509Chain, List<byte[]> chain)
    {
        // The leaf, then what the server sent beside it (.NET puts the peer's certificates in the extra store).
        if (certificate is not null)
            chain.Add(certificate.GetRawCertData());
        if (x509Chain is not null)
        {
            foreach (var extra in x509Chain.ChainPolicy.ExtraStore)
            {
                var der = extra.RawData;
                if (!chain.Any(c => c.AsSpan().SequenceEqual(der)))
                    chain.Add(der);
            }
        }
        return true; // Trust is judged from the evidence, not here: the session must go on.
    }

    /// <summary>One line: MailKit's messages run over several lines with advice for developers.</summary>
    private static string Flatten(Exception ex)
    {
        var first = ex.Message.Split('\n', 2)[0].Trim();
        return ex.InnerException is { } inner ? $"{first} ({inner.Message.Split('\n', 2)[0].Trim()})" : first;
    }
}
