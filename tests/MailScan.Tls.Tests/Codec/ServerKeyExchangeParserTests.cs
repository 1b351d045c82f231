using MailScan.Tls.Codec;

namespace MailScan.Tls.Tests.Codec;

/// <summary>The ServerKeyExchange parser reads the ephemeral key or says what broke; it never throws.</summary>
public sealed class ServerKeyExchangeParserTests
{
    private static readonly TlsCipherSuite Ecdhe = TlsCipherSuites.Of(0xC02B);
    private static readonly TlsCipherSuite Dhe = TlsCipherSuites.Of(0x009E);

    [Fact]
    public void An_ecdhe_key_with_its_signature_is_read()
    {
        var kex = ServerKeyExchangeParser.Parse(Body(TlsBytes.EcdheKeyExchange(23, 0x0403)), 0, Ecdhe, TlsVersion.Tls12).Value!;
        Assert.Equal((ushort)23, kex.NamedGroup);
        Assert.Equal((ushort)0x0403, kex.SignatureScheme);
    }

    [Fact]
    public void A_dhe_key_reports_the_size_of_its_prime()
    {
        var prime = Convert.FromHexString(TlsBytes.Ffdhe2048);
        var kex = ServerKeyExchangeParser.Parse(Body(TlsBytes.DheKeyExchange(prime, 2, 0x0401)), 0, Dhe, TlsVersion.Tls12).Value!;
        Assert.Equal(2048, kex.DhPrimeBits);
        Assert.True(kex.IsFiniteField);
    }

    [Theory]
    [InlineData("", "is empty")] // truncated before the curve type
    [InlineData("03 00", "named curve is truncated")] // truncated inside the group
    [InlineData("07 00 17", "curve type 7 is unknown")] // out of range
    [InlineData("03 00 17 00", "public point is malformed")] // an empty point
    [InlineData("03 00 17 41 00", "public point is malformed")] // a point longer than the message
    [InlineData("03 00 17 01 04", "signature is truncated")] // TLS 1.2 without its signature
    public void A_broken_ecdhe_key_names_its_fault(string hex, string reason)
    {
        var parsed = ServerKeyExchangeParser.Parse(Hex(hex), 100, Ecdhe, TlsVersion.Tls12);
        Assert.False(parsed.IsValid);
        Assert.Equal(TlsParseFault.Malformed, parsed.Error.Fault);
        Assert.Contains(reason, parsed.Error.Reason, StringComparison.Ordinal);
        Assert.InRange(parsed.Error.Position, 100, 100 + Hex(hex).Length);
    }

    [Theory]
    [InlineData("00 01 FF 00 01", "DH parameters are truncated")]
    [InlineData("00 00 00 01 02 00 01 05", "DH parameter is empty")]
    public void Broken_dh_parameters_name_their_fault(string hex, string reason)
    {
        var parsed = ServerKeyExchangeParser.Parse(Hex(hex), 0, Dhe, TlsVersion.Tls11);
        Assert.Contains(reason, parsed.Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_tls_1_2_an_ecdhe_key_carries_no_signature_scheme()
    {
        var kex = ServerKeyExchangeParser.Parse(Hex("03 00 17 01 04"), 0, Ecdhe, TlsVersion.Tls10).Value!;
        Assert.Null(kex.SignatureScheme);
    }

    [Fact]
    public void A_suite_without_an_ephemeral_key_is_not_read_as_one()
    {
        var rsa = TlsCipherSuites.Of(0x009C);
        Assert.False(ServerKeyExchangeParser.IsEphemeral(rsa));
        Assert.True(ServerKeyExchangeParser.IsEphemeral(Ecdhe));
        Assert.NotNull(ServerKeyExchangeParser.Parse(Hex("03 00 17 01 04"), 0, rsa, TlsVersion.Tls12).Error);
    }

    private static byte[] Body(byte[] handshake) => handshake[4..];

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
