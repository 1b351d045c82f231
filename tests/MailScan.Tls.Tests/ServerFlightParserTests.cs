using MailScan.Tls;
using MailScan.Tls.Codec;

namespace MailScan.Tls.Tests;

public sealed class ServerFlightParserTests
{
    private static ServerFlight Flight(ushort recordVersion, params byte[][] handshakes)
    {
        var parse = ServerFlightParser.Parse(TlsBytes.Record(22, recordVersion, handshakes.SelectMany(h => h).ToArray()));
        Assert.Null(parse.Error);
        return Assert.IsType<ServerFlight>(parse.Value);
    }

    [Fact]
    public void Ssl3_server_hello_with_rc4_and_deflate_is_read()
    {
        var flight = Flight(0x0300, TlsBytes.ServerHello(0x0300, 0x0005, compression: 1), TlsBytes.HelloDone());
        Assert.Equal(TlsVersion.Ssl30, flight.Hello!.Version);
        Assert.Equal("TLS_RSA_WITH_RC4_128_SHA", TlsCipherSuites.Of(flight.Hello.CipherSuite).Name);
        Assert.Equal(1, flight.Hello.Compression);
        Assert.False(flight.Hello.SecureRenegotiation);
        Assert.Equal(TlsClass.Insufficient, TlsClassTable.Suite(TlsCipherSuites.Of(flight.Hello.CipherSuite)));
    }

    [Fact]
    public void Export_suite_is_named_and_insufficient()
    {
        var flight = Flight(0x0301, TlsBytes.ServerHello(0x0301, 0x0003), TlsBytes.HelloDone());
        var suite = TlsCipherSuites.Of(flight.Hello!.CipherSuite);
        Assert.Equal("TLS_RSA_EXPORT_WITH_RC4_40_MD5", suite.Name);
        Assert.Equal(TlsVersion.Tls10, suite.MaxVersion);
        Assert.Equal(TlsClass.Insufficient, TlsClassTable.Suite(suite));
    }

    [Fact]
    public void Tls12_flight_gives_extensions_certificates_and_the_ecdhe_curve()
    {
        var flight = Flight(0x0303,
            TlsBytes.ServerHello(0x0303, 0xC02B, 0, null, TlsBytes.Extension(0xFF01, [0]), TlsBytes.Extension(23, [])),
            TlsBytes.Certificate([1, 2, 3], [4, 5]),
            TlsBytes.EcdheKeyExchange(21, 0x0203),
            TlsBytes.HelloDone());
        Assert.True(flight.Complete);
        Assert.True(flight.Hello!.SecureRenegotiation);
        Assert.True(flight.Hello.ExtendedMasterSecret);
        Assert.Equal(2, flight.Certificates.Count);
        Assert.Equal((ushort)21, flight.KeyExchange!.NamedGroup);
        Assert.Equal("SHA-1", TlsSignatureSchemes.HashOf(flight.KeyExchange.SignatureScheme!.Value));
        Assert.Equal(TlsClass.PhaseOut, TlsClassTable.Group(21));
    }

    [Fact]
    public void Dhe_with_an_rfc7919_prime_is_recognised_and_a_custom_prime_is_not()
    {
        var ffdhe = Flight(0x0303, TlsBytes.ServerHello(0x0303, 0x009E), TlsBytes.DheKeyExchange(Convert.FromHexString(TlsBytes.Ffdhe2048), 2, 0x0401), TlsBytes.HelloDone());
        Assert.Equal(TlsNamedGroups.Ffdhe2048, ffdhe.KeyExchange!.DhRfc7919Group);
        Assert.Equal(2048, ffdhe.KeyExchange.DhPrimeBits);
        Assert.Equal(TlsClass.Insufficient, TlsClassTable.DhGroup(ffdhe.KeyExchange.DhRfc7919Group));

        var custom = Flight(0x0303, TlsBytes.ServerHello(0x0303, 0x009E), TlsBytes.DheKeyExchange(Enumerable.Repeat((byte)0xC7, 128).ToArray(), 2, 0x0401), TlsBytes.HelloDone());
        Assert.Null(custom.KeyExchange!.DhRfc7919Group);
        Assert.Equal(1024, custom.KeyExchange.DhPrimeBits);
    }

    [Fact]
    public void Hello_retry_request_names_the_tls13_suite_and_group()
    {
        var flight = Flight(0x0303, TlsBytes.ServerHello(0x0303, 0x1302, 0, TlsBytes.HelloRetryRandom,
            TlsBytes.Extension(43, [3, 4]), TlsBytes.Extension(51, [0, 29])));
        Assert.True(flight.Hello!.HelloRetryRequest);
        Assert.Equal(TlsVersion.Tls13, flight.Hello.Version);
        Assert.Equal((ushort)29, flight.Hello.SelectedGroup);
    }

    [Fact]
    public void An_alert_ends_the_flight_without_a_hello()
    {
        var parse = ServerFlightParser.Parse(TlsBytes.Alert(40));
        Assert.Equal("handshake_failure", parse.Value!.Alert!.Name);
        Assert.False(parse.Value.Accepted);
    }

    [Fact]
    public void A_flight_split_across_reads_asks_for_more()
    {
        var whole = TlsBytes.Record(22, 0x0303, [.. TlsBytes.ServerHello(0x0303, 0xC02F), .. TlsBytes.HelloDone()]);
        Assert.True(ServerFlightParser.Parse(whole.AsSpan(0, whole.Length - 3)).Error is { NeedsMore: true });
        Assert.True(ServerFlightParser.Parse(whole).Value!.Complete);
    }

    [Fact]
    public void Smtp_text_instead_of_tls_is_an_error_with_a_position()
    {
        var parse = ServerFlightParser.Parse("454 TLS not available\r\n"u8);
        Assert.NotNull(parse.Error);
        Assert.Contains("record", parse.Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_server_hello_is_an_error_not_an_exception()
    {
        var parse = ServerFlightParser.Parse(TlsBytes.Record(22, 0x0303, TlsBytes.Handshake(2, [3, 3, 1, 2])));
        Assert.NotNull(parse.Error);
    }

    [Fact]
    public void Each_broken_flight_names_its_fault()
    {
        Assert.Equal(TlsParseFault.EndsEarly, FaultOf([22, 3, 3]));
        Assert.Equal(TlsParseFault.NotTls, FaultOf("454 TLS not available\r\n"u8.ToArray()));
        Assert.Equal(TlsParseFault.NotTls, FaultOf(TlsBytes.Record(99, 0x0303, [1])));
        Assert.Equal(TlsParseFault.TooLarge, FaultOf([22, 3, 3, 0xFF, 0xFF]));
        Assert.Equal(TlsParseFault.TooLarge, FaultOf(new byte[ServerFlightParser.MaxFlightBytes + 1]));
        Assert.Equal(TlsParseFault.OutOfOrder, FaultOf(TlsBytes.Record(22, 0x0303, TlsBytes.HelloDone())));
        Assert.Equal(TlsParseFault.OutOfOrder, FaultOf(TlsBytes.Record(20, 0x0303, [1])));
        Assert.Equal(TlsParseFault.Malformed, FaultOf(TlsBytes.Record(21, 0x0303, [2])));
    }

    [Fact]
    public void Only_a_flight_that_ends_early_asks_for_more()
    {
        var whole = TlsBytes.Record(22, 0x0303, [.. TlsBytes.ServerHello(0x0303, 0xC02F), .. TlsBytes.HelloDone()]);
        for (var length = 0; length < whole.Length; length++)
        {
            var error = ServerFlightParser.Parse(whole.AsSpan(0, length)).Error!;
            Assert.True(error.NeedsMore, $"{length} bytes");
            Assert.Equal(length, error.Position);
        }
        Assert.False(FaultOf(TlsBytes.Record(22, 0x0303, TlsBytes.Handshake(2, [3, 3, 1, 2]))) == TlsParseFault.EndsEarly);
    }

    private static TlsParseFault FaultOf(byte[] input) => ServerFlightParser.Parse(input).Error!.Fault;
}
