using System.Security.Cryptography.X509Certificates;
using MailScan.Tls;

namespace MailScan.Checks.StartTls;

/// <summary>Builds the chain of a presented certificate list against the system store, then the extra roots.</summary>
public sealed class CertificateTrustEvaluator(X509Certificate2Collection extraRoots)
{
    public ChainTrust Evaluate(IReadOnlyList<byte[]> presented, DateTimeOffset at)
    {
        if (presented.Count == 0)
            return new ChainTrust(false, "none", ["no certificate was presented"]);
        using var leaf = X509CertificateLoader.LoadCertificate(presented[0]);
        var intermediates = new X509Certificate2Collection();
        foreach (var der in presented.Skip(1))
            intermediates.Add(X509CertificateLoader.LoadCertificate(der));
        var system = Build(leaf, intermediates, at, null);
        if (system.Trusted || extraRoots.Count == 0)
            return system;
        var extra = Build(leaf, intermediates, at, extraRoots);
        return extra.Trusted ? extra : system;
    }

    private static ChainTrust Build(X509Certificate2 leaf, X509Certificate2Collection intermediates, DateTimeOffset at, X509Certificate2Collection? roots)
    {
        using var chain = new X509Chain { ChainPolicy = OfflineChainPolicy.Create() };
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        if (roots is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        }
        var trusted = chain.Build(leaf);
        var problems = chain.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}").Distinct().ToList();
        var anchor = chain.ChainElements.Count > 0 ? chain.ChainElements[^1].Certificate.Subject : "none";
        return new ChainTrust(trusted, roots is null ? $"system store: {anchor}" : $"extra root: {anchor}", problems);
    }
}
