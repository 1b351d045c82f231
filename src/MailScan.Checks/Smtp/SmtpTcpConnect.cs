using System.Net;
using System.Net.Sockets;

namespace MailScan.Checks.Smtp;

/// <summary>The TCP connect of every SMTP session, with its own timeout; a failure is a state and a reason, never an exception.</summary>
public static class SmtpTcpConnect
{
    /// <summary>Null when connected; else how it failed.</summary>
    public static async Task<(SmtpConnectState State, string Error)?> ConnectAsync(Socket socket, IPAddress address, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), limit.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (SmtpConnectState.ConnectTimeout, $"TCP connection not established within {timeout.TotalSeconds:0} s");
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode == SocketError.ConnectionRefused
                ? (SmtpConnectState.Refused, "connection refused")
                : (SmtpConnectState.Unreachable, ex.Message);
        }
    }
}
