using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailScan.Checks.StartTls;

/// <summary>What the verdicts read from one certificate: names, key, signature algorithm, validity. Pure parsing.</summary>
public sealed record CertificateFacts(
    string Subject,
    string Issuer,
    bool SelfIssued,
    string KeyAlgorithm,
    int KeyBits,
    string? Curve,
    string SignatureOid,
    string SignatureName,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter)
{
    /// <summary>The facts of a DER certificate, or null when it does not parse.</summary>
    public static CertificateFacts? Of(byte[] der)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            var (algorithm, bits, curve) = Key(certificate);
            return new CertificateFacts(
                certificate.Subject, certificate.Issuer, certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData),
                algorithm, bits, curve, certificate.SignatureAlgorithm.Value ?? "", certificate.SignatureAlgorithm.FriendlyName ?? certificate.SignatureAlgorithm.Value ?? "",
                certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Whether the certificate is valid for the MX name (RFC 6125: subjectAltName DNS names, wildcards in the left-most label only).</summary>
    public static bool MatchesName(byte[] der, string name)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return certificate.MatchesHostname(name.TrimEnd('.'), allowWildcards: true, allowCommonName: false);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static (string Algorithm, int Bits, string? Curve) Key(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
            return ("RSA", rsa.KeySize, null);
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            var curve = ec.ExportParameters(false).Curve.Oid;
            return ("EC", ec.KeySize, CurveName(curve.Value ?? curve.FriendlyName));
        }
        return certificate.PublicKey.Oid.Value switch
        {
            "1.3.101.112" => ("Ed25519", 256, null),
            "1.3.101.113" => ("Ed448", 456, null),
            "1.2.840.10040.4.1" => ("DSA", certificate.PublicKey.EncodedKeyValue.RawData.Length * 8, null),
            var oid => (oid ?? "unknown", 0, null),
        };
    }

    private static string? CurveName(string? oid) => oid switch
    {
        "1.2.840.10045.3.1.7" or "nistP256" or "ECDSA_P256" => "secp256r1",
        "1.3.132.0.34" or "nistP384" or "ECDSA_P384" => "secp384r1",
        "1.3.132.0.35" or "nistP521" or "ECDSA_P521" => "secp521r1",
        "1.3.132.0.33" => "secp224r1",
        "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1",
        "1.3.36.3.3.2.8.1.1.11" => "brainpoolP384r1",
        "1.3.36.3.3.2.8.1.1.13" => "brainpoolP512r1",
        _ => oid,
    };
}
