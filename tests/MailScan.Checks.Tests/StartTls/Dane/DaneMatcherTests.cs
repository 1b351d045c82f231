using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailScan.Checks.StartTls.Dane;

namespace MailScan.Checks.Tests.StartTls.Dane;

public sealed class DaneMatcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static (X509Certificate2 Ca, X509Certificate2 Leaf) Chain()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var ca = caRequest.CreateSelfSigned(Now.AddDays(-10), Now.AddYears(1));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=mx.example.nl", leafKey, HashAlgorithmName.SHA256);
        var leaf = leafRequest.Create(ca, Now.AddDays(-1), Now.AddDays(90), [1, 2, 3, 4]);
        return (ca, leaf);
    }

    private static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    [Fact]
    public void Dane_ta_record_of_the_issuing_ca_matches_the_chain()
    {
        var (ca, leaf) = Chain();
        var record = new TlsaRecordData(2, 0, 1, Sha256(ca.RawData));
        Assert.Single(DaneMatcher.Matching([record], [leaf.RawData, ca.RawData], Now));
    }

    [Fact]
    public void Dane_ta_record_of_a_ca_that_did_not_issue_the_leaf_does_not_match()
    {
        var (ca, leaf) = Chain();
        var (otherCa, _) = Chain();
        var record = new TlsaRecordData(2, 1, 1, Sha256(otherCa.PublicKey.ExportSubjectPublicKeyInfo()));
        Assert.Empty(DaneMatcher.Matching([record], [leaf.RawData, ca.RawData, otherCa.RawData], Now));
    }

    [Fact]
    public void Sha512_and_full_certificate_matching_types_work_for_dane_ee()
    {
        var (_, leaf) = Chain();
        var sha512 = new TlsaRecordData(3, 0, 2, Convert.ToHexStringLower(SHA512.HashData(leaf.RawData)));
        var full = new TlsaRecordData(3, 1, 0, Convert.ToHexStringLower(leaf.PublicKey.ExportSubjectPublicKeyInfo()));
        Assert.Equal(2, DaneMatcher.Matching([sha512, full], [leaf.RawData], Now).Count);
    }

    [Fact]
    public void Pkix_usages_are_never_used_for_smtp()
    {
        var (_, leaf) = Chain();
        var record = new TlsaRecordData(1, 0, 1, Sha256(leaf.RawData));
        Assert.Empty(DaneMatcher.Matching([record], [leaf.RawData], Now));
    }
}
