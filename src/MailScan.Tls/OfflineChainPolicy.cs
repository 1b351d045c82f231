using System.Security.Cryptography.X509Certificates;

namespace MailScan.Tls;

/// <summary>
/// The policy of every certificate chain the scanner builds: built from what the server sent and
/// the local stores only. .NET's default downloads a missing issuer from the URL the certificate
/// names (AIA) and asks revocation servers; a hostile server's certificate can name any address,
/// so either would be a request past the target policy.
/// </summary>
public static class OfflineChainPolicy
{
    /// <summary>A new policy with downloads and online revocation off; callers add stores and time.</summary>
    public static X509ChainPolicy Create() => new()
    {
        DisableCertificateDownloads = true,
        RevocationMode = X509RevocationMode.NoCheck,
    };

    /// <summary>Turns downloads and online revocation off on a chain the caller made.</summary>
    public static void Apply(X509Chain chain)
    {
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
    }
}
