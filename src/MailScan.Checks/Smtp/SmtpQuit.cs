using System.Net.Sockets;
using MailKit.Net.Smtp;

namespace MailScan.Checks.Smtp;

/// <summary>How every SMTP session of the scanner ends: QUIT, within the command timeout.</summary>
internal static class SmtpQuit
{
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
