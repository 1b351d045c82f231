using MailScan.Dns.Dnssec;
using MailScan.Dns.Dnssec.Crypto;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace MailScan.Dns.Tests.Dnssec;

/// <summary>The example signatures of RFC 5702 (RSA/SHA-2), RFC 6605 (ECDSA) and RFC 8080 (EdDSA) verify; altered copies do not.</summary>
public sealed class RfcSignatureVectorTests
{
    private static readonly byte[] Address91 = [192, 0, 2, 91];
    private static readonly byte[] Address1 = [192, 0, 2, 1];

    public static TheoryData<string> Vectors() => ["RFC 5702 6.1 RSASHA256", "RFC 5702 6.2 RSASHA512", "RFC 6605 6.1 ECDSAP256SHA256", "RFC 6605 6.2 ECDSAP384SHA384"];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Rfc_example_signature_verifies(string vector)
    {
        var (key, rrset, now) = Vector(vector);
        var (used, failure) = RrsetVerifier.Verify(rrset, DnsName.Parse("example.net"), [key], now, new ValidationBudget(10, 10));
        Assert.Null(failure);
        Assert.NotNull(used);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Tampered_copy_of_rfc_example_is_bogus(string vector)
    {
        var (key, rrset, now) = Vector(vector);
        var (_, failure) = RrsetVerifier.Verify(RfcVector.Tampered(rrset), DnsName.Parse("example.net"), [key], now, new ValidationBudget(10, 10));
        Assert.Equal(ExtendedDnsError.DNSSECBogus, failure?.Error);
        Assert.Contains("does not verify", failure!.Detail);
    }

    [Fact]
    public void Rfc_example_signature_outside_its_window_is_expired_or_not_yet_valid()
    {
        var (key, rrset, _) = Vector("RFC 6605 6.1 ECDSAP256SHA256");
        var zone = DnsName.Parse("example.net");
        var late = RrsetVerifier.Verify(rrset, zone, [key], RfcVector.Seconds("20100910000000"), new ValidationBudget(10, 10)).Failure;
        var early = RrsetVerifier.Verify(rrset, zone, [key], RfcVector.Seconds("20100801000000"), new ValidationBudget(10, 10)).Failure;
        Assert.Equal(ExtendedDnsError.SignatureExpired, late?.Error);
        Assert.Equal(ExtendedDnsError.SignatureNotYetValid, early?.Error);
    }

    [Theory]
    [InlineData("RFC 6605 6.1", "example.net", 13, "GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==", 55648, 2, "b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17")]
    [InlineData("RFC 6605 6.2", "example.net", 14, "xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40", 10771, 4, "72d7b62976ce06438e9c0bf319013cf801f09ecc84b8d7e9495f27e305c6a9b0563a9b5f4d288405c3008a946df983d6")]
    [InlineData("RFC 8080 6.1", "example.com", 15, "l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=", 3613, 2, "3aa5ab37efce57f737fc1627013fee07bdf241bd10f3b1964ab55c78e79a304b")]
    [InlineData("RFC 8080 6.2", "example.com", 16, "3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn+G2MpTPhpj/OiBVHHSfPodx1FYYUcJKm1MDpJtIA", 9713, 2, "6ccf18d5bc5d7fc2fceb1d59d17321402f2aa8d368048db93dd811f5cb2b19c7")]
    public void Rfc_example_key_has_its_key_tag_and_ds_digest(string source, string owner, byte algorithm, string key, int tag, byte digestType, string digest)
    {
        var dnskey = RfcVector.Key(257, algorithm, key);
        Assert.True(dnskey.KeyTag == tag, source);
        Assert.Equal(digest, Convert.ToHexStringLower(DsDigest.Compute(digestType, DnsName.Parse(owner), dnskey)!));
        Assert.True(DsDigest.Matches(new DelegationSigner((ushort)tag, algorithm, digestType, Convert.FromHexString(digest)), DnsName.Parse(owner), dnskey));
    }

    [Theory]
    [InlineData(15, "ODIyNjAzODQ2MjgwODAxMjI2NDUxOTAyMDQxNDIyNjI=", "l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=")]
    [InlineData(15, "DSSF3o0s0f+ElWzj9E/Osxw8hLpk55chkmx0LYN5WiY=", "zPnZ/QwEe7S8C5SPz2OfS5RR40ATk2/rYnE9xHIEijs=")]
    [InlineData(16, "xZ+5Cgm463xugtkY5B0Jx6erFTXp13rYegst0qRtNsOYnaVpMx0Z/c5EiA9x8wWbDDct/U3FhYWA", "3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn+G2MpTPhpj/OiBVHHSfPodx1FYYUcJKm1MDpJtIA")]
    public void Rfc_8080_example_keys_sign_the_example_mx_and_tampering_is_caught(byte algorithm, string privateKey, string publicKey)
    {
        // RFC 8080's printed RRSIGs lack the algorithm field, so the example RRset is signed here with
        // the RFC's private keys (EdDSA is deterministic) and must verify under the RFC's public keys.
        var key = RfcVector.Key(257, algorithm, publicKey);
        var mx = new byte[] { 0, 10, 4, (byte)'m', (byte)'a', (byte)'i', (byte)'l', 7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'c', (byte)'o', (byte)'m', 0 };
        var unsigned = RfcVector.Signed("example.com", DnsRecordType.MX, mx, algorithm, 2, "1440021600", "1438207200", key.KeyTag, "example.com", new byte[algorithm == 15 ? 64 : 114]);
        var data = CanonicalForm.SignedData(unsigned.Signatures[0], unsigned);
        var secret = Convert.FromBase64String(privateKey);
        var signature = new byte[algorithm == 15 ? Ed25519.SignatureSize : Ed448.SignatureSize];
        if (algorithm == 15)
        {
            var derived = new byte[Ed25519.PublicKeySize];
            Ed25519.GeneratePublicKey(secret, 0, derived, 0);
            Assert.Equal(key.PublicKey, derived);
            Ed25519.Sign(secret, 0, data, 0, data.Length, signature, 0);
        }
        else
        {
            var derived = new byte[Ed448.PublicKeySize];
            Ed448.GeneratePublicKey(secret, 0, derived, 0);
            Assert.Equal(key.PublicKey, derived);
            Ed448.Sign(secret, 0, [], data, 0, data.Length, signature, 0);
        }
        var signed = RfcVector.Signed("example.com", DnsRecordType.MX, mx, algorithm, 2, "1440021600", "1438207200", key.KeyTag, "example.com", signature);
        var now = RfcVector.Midway("1438207200", "1440021600");
        var zone = DnsName.Parse("example.com");

        Assert.Null(RrsetVerifier.Verify(signed, zone, [key], now, new ValidationBudget(10, 10)).Failure);
        Assert.Equal(ExtendedDnsError.DNSSECBogus, RrsetVerifier.Verify(RfcVector.Tampered(signed), zone, [key], now, new ValidationBudget(10, 10)).Failure?.Error);
    }

    private static (Dnskey Key, Rrset Rrset, long Now) Vector(string name) => name switch
    {
        "RFC 5702 6.1 RSASHA256" => (
            RfcVector.Key(256, 8, "AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk="),
            RfcVector.Signed("www.example.net", DnsRecordType.A, Address91, 8, 3, "20300101000000", "20000101000000", 9033, "example.net",
                Convert.FromBase64String("kRCOH6u7l0QGy9qpC9l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEacFYK/lPtPiVYP4bwg==")),
            RfcVector.Midway("20000101000000", "20300101000000")),
        "RFC 5702 6.2 RSASHA512" => (
            RfcVector.Key(256, 10, "AwEAAdHoNTOW+et86KuJOWRDp1pndvwb6Y83nSVXXyLA3DLroROUkN6X0O6pnWnjJQujX/AyhqFDxj13tOnD9u/1kTg7cV6rklMrZDtJCQ5PCl/D7QNPsgVsMu1J2Q8gpMpztNFLpPBz1bWXjDtaR7ZQBlZ3PFY12ZTSncorffcGmhOL"),
            RfcVector.Signed("www.example.net", DnsRecordType.A, Address91, 10, 3, "20300101000000", "20000101000000", 3740, "example.net",
                Convert.FromBase64String("tsb4wnjRUDnB1BUi+t6TMTXThjVnG+eCkWqjvvjhzQL1d0YRoOe0CbxrVDYd0xDtsuJRaeUw1ep94PzEWzr0iGYgZBWm/zpq+9fOuagYJRfDqfReKBzMweOLDiNa8iP5g9vMhpuv6OPlvpXwm9Sa9ZXIbNl1MBGk0fthPgxdDLw=")),
            RfcVector.Midway("20000101000000", "20300101000000")),
        "RFC 6605 6.1 ECDSAP256SHA256" => (
            RfcVector.Key(257, 13, "GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA=="),
            RfcVector.Signed("www.example.net", DnsRecordType.A, Address1, 13, 3, "20100909100439", "20100812100439", 55648, "example.net",
                Convert.FromBase64String("qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXAyGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw==")),
            RfcVector.Midway("20100812100439", "20100909100439")),
        _ => (
            RfcVector.Key(257, 14, "xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40"),
            RfcVector.Signed("www.example.net", DnsRecordType.A, Address1, 14, 3, "20100909102025", "20100812102025", 10771, "example.net",
                Convert.FromBase64String("/L5hDKIvGDyI1fcARX3z65qrmPsVz73QD1Mr5CEqOiLP95hxQouuroGCeZOvzFaxsT8Glr74hbavRKayJNuydCuzWTSSPdz7wnqXL5bdcJzusdnI0RSMROxxwGipWcJm")),
            RfcVector.Midway("20100812102025", "20100909102025")),
    };
}
