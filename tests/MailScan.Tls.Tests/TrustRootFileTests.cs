using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailScan.Tls.Tests;

/// <summary>The one reader of trusted roots: every certificate of a PEM file, or one line naming the file and what is wrong.</summary>
public sealed class TrustRootFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trust-roots-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_certificate_of_the_file_is_a_root()
    {
        var path = Write("two.pem", Pem(Ca("CN=one")) + Pem(Ca("CN=two")));

        var roots = TrustRootFile.Load(path);

        Assert.Equal(["CN=one", "CN=two"], roots.Select(r => r.Subject));
        Assert.Null(TrustRootFile.Problem(path));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(_dir, "absent.pem");
        Assert.Equal($"file '{path}' does not exist", TrustRootFile.Problem(path));
        Assert.Equal($"file '{path}' does not exist", Assert.Throws<InvalidDataException>(() => TrustRootFile.Load(path)).Message);
    }

    [Fact]
    public void A_file_with_only_a_key_holds_no_root()
    {
        using var key = ECDsa.Create();
        var path = Write("key.pem", key.ExportPkcs8PrivateKeyPem());
        Assert.Equal($"'{path}' holds no PEM certificate", TrustRootFile.Problem(path));
    }

    [Fact]
    public void A_broken_certificate_block_is_an_error_not_an_empty_set()
    {
        var path = Write("broken.pem", "-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        Assert.False(TrustRootFile.TryLoad(path, out var roots, out var error));
        Assert.Empty(roots);
        Assert.StartsWith($"'{path}' holds a CERTIFICATE block that is not a certificate", error);
    }

    [Fact]
    public void The_private_CA_trust_reads_through_it()
    {
        var path = Write("empty.pem", "");
        Assert.Equal($"'{path}' holds no PEM certificate", Assert.Throws<InvalidDataException>(() => PrivateCaTrust.Load(path)).Message);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static X509Certificate2 Ca(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";
}
