using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MailScan.Tls;

/// <summary>
/// Trust in the cluster's own CA (a PEM file of one or more CA certificates) instead of the
/// system's roots: for the coordinator's gRPC endpoint, its client certificates, and TLS to Redis
/// and RabbitMQ. Chains are built offline, as every chain of the scanner is.
/// </summary>
public sealed class PrivateCaTrust
{
    private readonly X509Certificate2Collection _roots;

    private PrivateCaTrust(X509Certificate2Collection roots) => _roots = roots;

    /// <summary>The CA certificates of a PEM file (<see cref="TrustRootFile"/>); an <see cref="InvalidDataException"/> says what is wrong with it.</summary>
    public static PrivateCaTrust Load(string pemFile) => new(TrustRootFile.Load(pemFile));

    /// <summary>A chain policy that trusts these CAs alone, for SslStream's CertificateChainPolicy.</summary>
    public X509ChainPolicy Policy()
    {
        var policy = OfflineChainPolicy.Create();
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(_roots);
        return policy;
    }

    /// <summary>True when the certificate chains to one of these CAs.</summary>
    public bool Issued(X509Certificate? certificate)
    {
        if (certificate is null)
            return false;
        if (certificate is X509Certificate2 typed)
            return Builds(typed);
        using var loaded = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return Builds(loaded);
    }

    private bool Builds(X509Certificate2 certificate)
    {
        using var chain = new X509Chain { ChainPolicy = Policy() };
        return chain.Build(certificate);
    }

    /// <summary>
    /// A server certificate check for clients that take a callback (RabbitMQ): the name must match
    /// (SslStream checked it) and the chain must end at one of these CAs, whatever the system trusts.
    /// </summary>
    public bool ValidServer(X509Certificate? certificate, SslPolicyErrors errors) =>
        (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0 && Issued(certificate);
}
