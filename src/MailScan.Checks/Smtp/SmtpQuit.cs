using System.Net.Sockets;
using MailKit.Net.Smtp;

namespace MailScan.Checks.Smtp;

/// <summary>How every SMTP session of the scanner ends: QUIT, within the command timeout.</summary>
internal static class SmtpQuit
{
    /// <summary>QUIT as it goes on the wire, for the sessions that speak SMTP themselves (inside the raw TLS tests); MailKit's sessions send the same through <see cref="SendAsync"/>.</summary>
    public static ReadOnlyMemory<byte> Line { get; } = "QUIT\r\n"u8.ToArray();

    /// <summary>
    /// Says QUIT and waits at most <paramref name="commandTimeout"/> for the reply. The session's
    /// evidence is complete by then, so a server that drops or ignores QUIT changes nothing.
    /// </summary>
    public static async Task SendAsync(SmtpClient client, TimeSpan commandTimeout, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(commandTimeout);
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or SmtpProtocolException or SmtpCommandException)
        {
            // Nothing to record: the evidence was taken before QUIT.
        }
    }
}
