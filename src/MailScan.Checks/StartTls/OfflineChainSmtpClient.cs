using System.Net.Security;
using MailKit;
using MailKit.Net.Smtp;
using MailScan.Tls;

namespace MailScan.Checks.StartTls;

/// <summary>
/// MailKit's SmtpClient whose TLS handshake builds the server's chain offline: SslStream validates
/// with the options MailKit hands it, and without a chain policy it would fetch a missing issuer
/// from the URL the server's certificate names.
/// </summary>
internal sealed class OfflineChainSmtpClient(IProtocolLogger logger) : SmtpClient(logger)
{
    protected override SslClientAuthenticationOptions GetSslClientAuthenticationOptions(string host, RemoteCertificateValidationCallback remoteCertificateValidationCallback)
    {
        var options = base.GetSslClientAuthenticationOptions(host, remoteCertificateValidationCallback);
        options.CertificateChainPolicy = OfflineChainPolicy.Create();
        return options;
    }
}
