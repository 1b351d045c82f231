using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailScan.Tls;

namespace MailScan.Checks.StartTls.Dane;

/// <summary>
/// Matches TLSA records against a presented chain (RFC 6698 §2.1, RFC 7671 §5, RFC 7672 §3.1):
/// DANE-EE (3) against the leaf; DANE-TA (2) against a certificate above the leaf that the leaf
/// chains to (or, for a full certificate record, the record itself as anchor). Pure: time is the
/// time the chain was measured, given by the caller.
/// </summary>
public static class DaneMatcher
{
    /// <summary>The usable records that match the chain.</summary>
    public static IReadOnlyList<TlsaRecordData> Matching(IReadOnlyList<TlsaRecordData> records, IReadOnlyList<byte[]> chain, DateTimeOffset at)
    {
        if (chain.Count == 0)
            return [];
        var certificates = chain.Select(TryLoad).ToList();
        var matches = new List<TlsaRecordData>();
        foreach (var record in records.Where(r => r.UsableForSmtp))
        {
            if (record.Usage == 3 && certificates[0] is { } leaf && Matches(record, leaf))
                matches.Add(record);
            else if (record.Usage == 2 && TrustAnchorMatches(record, certificates, at))
                matches.Add(record);
        }
        return matches;
    }

    private static bool TrustAnchorMatches(TlsaRecordData record, List<X509Certificate2?> chain, DateTimeOffset at)
    {
        var anchors = chain.Skip(1).OfType<X509Certificate2>().Where(c => Matches(record, c)).ToList();
        if (anchors.Count == 0 && record is { Selector: 0, MatchingType: 0 } && TryLoad(Convert.FromHexString(record.Data)) is { } full)
            anchors.Add(full);
        return chain[0] is { } leaf && anchors.Any(anchor => ChainsTo(leaf, chain, anchor, at));
    }

    private static bool ChainsTo(X509Certificate2 leaf, List<X509Certificate2?> chain, X509Certificate2 anchor, DateTimeOffset at)
    {
        using var builder = new X509Chain { ChainPolicy = OfflineChainPolicy.Create() };
        builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        builder.ChainPolicy.VerificationTime = at.UtcDateTime;
        // RFC 7671 §5.2.2: a DANE-TA anchor need not be self-signed; it is trusted as given.
        builder.ChainPolicy.CustomTrustStore.Add(anchor);
        builder.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        builder.ChainPolicy.ExtraStore.AddRange(chain.Skip(1).OfType<X509Certificate2>().ToArray());
        if (!builder.Build(leaf) && builder.ChainStatus.Any(s => s.Status is not (X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain)))
            return false;
        return builder.ChainElements.Cast<X509ChainElement>().Any(e => e.Certificate.RawData.AsSpan().SequenceEqual(anchor.RawData));
    }

    /// <summary>Whether a record's data matches a certificate (selector 0: whole certificate, 1: SubjectPublicKeyInfo).</summary>
    public static bool Matches(TlsaRecordData record, X509Certificate2 certificate)
    {
        byte[] selected = record.Selector == 0 ? certificate.RawData : certificate.PublicKey.ExportSubjectPublicKeyInfo();
        var digest = record.MatchingType switch
        {
            0 => selected,
            1 => SHA256.HashData(selected),
            2 => SHA512.HashData(selected),
            _ => null,
        };
        return digest is not null && string.Equals(Convert.ToHexStringLower(digest), record.Data, StringComparison.OrdinalIgnoreCase);
    }

    private static X509Certificate2? TryLoad(byte[] der)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
