using System.Security.Cryptography.X509Certificates;
using MailScan.Checks.Options;
using MailScan.Tls;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Trust;

/// <summary>
/// The roots of Tls:ExtraRootFile (--extra-root), trusted in addition to the system store, and
/// the one rule for accepting a server certificate with them: the system's verdict first, then a
/// chain to an extra root; a name mismatch is never accepted.
/// </summary>
public sealed class ExtraTrustedRoots
{
    private readonly X509Certificate2Collection _roots = [];

    public ExtraTrustedRoots(IOptions<MailScanOptions> options)
        : this(options.Value.Tls.ExtraRootFile)
    {
    }

    public ExtraTrustedRoots(string? pemFile)
    {
        // The options validator stops the start on a file without roots (TrustRootFile.Problem);
        // one that breaks later adds no roots rather than stopping scans.
        if (!string.IsNullOrWhiteSpace(pemFile) && TrustRootFile.TryLoad(pemFile, out var roots, out _))
            _roots = roots;
    }

    /// <summary>How many extra roots are trusted.</summary>
    public int Count => _roots.Count;

    /// <summary>The extra roots themselves, for chains built from raw certificates (<see cref="StartTls.CertificateTrustEvaluator"/>).</summary>
    public X509Certificate2Collection Certificates => _roots;

    /// <summary>Why the server certificate is not trusted for the host name, or null when it is.</summary>
    public string? Check(X509Certificate? certificate, X509Chain? chain, System.Net.Security.SslPolicyErrors errors)
    {
        if (errors == System.Net.Security.SslPolicyErrors.None)
            return null;
        if (certificate is null || errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable))
            return "the server sent no certificate";
        if (errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch))
            return "the certificate does not name the host";
        var systemReason = chain is null ? "no chain" : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        if (_roots.Count == 0)
            return $"the certificate chain is not trusted ({systemReason})";
        using var custom = new X509Chain { ChainPolicy = OfflineChainPolicy.Create() };
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf) ? null : $"the certificate chain is not trusted ({systemReason})";
    }
}
