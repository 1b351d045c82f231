using System.Security.Cryptography;
using MailScan.Tls.Renegotiation;

namespace MailScan.Tls.Tests;

public sealed class Tls12PrfTests
{
    [Fact]
    public void Prf_sha256_gives_the_published_test_vector()
    {
        // The TLS 1.2 PRF (SHA-256) test vector circulated on the IETF TLS list.
        var secret = Convert.FromHexString("9bbe436ba940f017b17652849a71db35");
        var seed = Convert.FromHexString("a0ba9f936cda311827a6f796ffd5198c");
        var output = Tls12Prf.Derive(HashAlgorithmName.SHA256, secret, "test label", seed, 100);
        Assert.Equal("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66",
            Convert.ToHexStringLower(output));
    }
}
