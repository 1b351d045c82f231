using System.Xml.Linq;
using MailScan.Checks.StartTls;
using MailScan.Tls;
using MailScan.Tls.Enumeration;

namespace MailScan.Lab.Tests;

/// <summary>
/// The referee: for every lab MTA with STARTTLS, our full enumeration accepts exactly the
/// (version, suite) pairs `sslscan --starttls-smtp` accepts, finds the same named groups and DH
/// sizes, and reads the same certificate facts.
/// </summary>
public sealed class SslscanAgreementTests
{
    public static TheoryData<string> Hosts() =>
    [
        "mx-good", "mx-tls-modern", "mx-tls-legacy", "mx-tls-weak", "mx-tls-clientorder", "mx-tls-dh1024",
        "mx-tls-selfsigned", "mx-tls-expired", "mx-tls-mismatch", "mx-tls-rsa1024", "mx-tls-sha1",
    ];

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Accepted_suites_groups_and_certificate_agree_with_sslscan(string host)
    {
        var address = LabHosts.V4(host);
        var ours = await StartTlsLabProbe.RunAsync(address, EnumerationMode.Full);
        var (exit, xml) = await ExternalTool.RunAsync("sslscan", ["--starttls-smtp", "--no-colour", "--xml=-", $"{address}:25"]);
        Assert.Equal(0, exit);
        var test = XDocument.Parse(xml).Descendants("ssltest").Single();
        var tls = Assert.IsType<TlsEvaluation>(ours.Tls);
        Assert.True(tls.Complete, string.Join("; ", tls.Notes));

        // sslscan (OpenSSL 3) tests neither SSL 2.0 nor SSL 3.0: compare the TLS versions.
        var theirs = test.Elements("cipher").Select(c => $"{Version(c.Attribute("sslversion")!.Value)} {Convert.ToUInt16(c.Attribute("id")!.Value, 16):X4}").Order().ToList();
        var mine = tls.Suites.Where(s => s.Version >= TlsVersion.Tls10).Select(s => $"{TlsVersionNames.Of(s.Version)} {s.Code:X4}").Order().ToList();
        Assert.Equal(theirs, mine);

        var theirGroups = test.Elements("group").Select(g => Convert.ToUInt16(g.Attribute("id")!.Value, 16)).ToHashSet();
        var myGroups = tls.Groups.Where(g => g.Code is not null && g.Source != "DHE").Select(g => g.Code!.Value).ToHashSet();
        Assert.Equal(theirGroups.Order(), myGroups.Order());
        var theirDh = test.Elements("cipher").Select(c => c.Attribute("dhebits")?.Value).OfType<string>().Select(int.Parse).ToHashSet();
        var myDh = tls.Groups.Where(g => g.Source == "DHE").Select(g => g.Bits!.Value).ToHashSet();
        Assert.Equal(theirDh.Order(), myDh.Order());

        CertificateAgrees(test.Descendants("certificate").First(), ours);
    }

    private static void CertificateAgrees(XElement theirs, StartTlsEvidence ours)
    {
        var facts = CertificateFacts.Of(Convert.FromBase64String(ours.Chain[0]))!;
        var pk = theirs.Element("pk")!;
        Assert.Equal(pk.Attribute("type")!.Value, facts.KeyAlgorithm);
        if (facts.KeyAlgorithm == "EC")
            Assert.Equal(pk.Attribute("curve_name")!.Value switch { "prime256v1" => "secp256r1", var c => c }, facts.Curve); // sslscan gives EC bits as security bits
        else
            Assert.Equal(int.Parse(pk.Attribute("bits")!.Value), facts.KeyBits);
        Assert.Equal(SignatureOid(theirs.Element("signature-algorithm")!.Value), facts.SignatureOid);
        Assert.Contains($"CN={theirs.Element("subject")!.Value}", facts.Subject, StringComparison.Ordinal);
        Assert.Equal(theirs.Element("expired")!.Value == "true", facts.NotAfter < ours.MeasuredAt);
        Assert.Equal(theirs.Element("self-signed")!.Value == "true", facts.SelfIssued);
    }

    private static string Version(string sslscan) => sslscan switch
    {
        "TLSv1.0" => "TLS 1.0",
        "TLSv1.1" => "TLS 1.1",
        "TLSv1.2" => "TLS 1.2",
        "TLSv1.3" => "TLS 1.3",
        _ => sslscan,
    };

    private static string SignatureOid(string name) => name switch
    {
        "ecdsa-with-SHA256" => "1.2.840.10045.4.3.2",
        "ecdsa-with-SHA384" => "1.2.840.10045.4.3.3",
        "ecdsa-with-SHA1" => "1.2.840.10045.4.1",
        "sha256WithRSAEncryption" => "1.2.840.113549.1.1.11",
        "sha1WithRSAEncryption" => "1.2.840.113549.1.1.5",
        _ => name,
    };
}
