using MailScan.Tls;
using MailScan.Tls.Codec;

namespace MailScan.Tls.Tests;

public sealed class Ssl2HelloTests
{
    private static readonly byte[] Challenge = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    /// <summary>An SSL 2.0 SERVER-HELLO record: no session hit, an X.509 certificate, the given kinds, a 16-byte connection id.</summary>
    private static byte[] ServerHello(byte[] certificate, int[] kinds, ushort version = 2, int connectionId = 16)
    {
        byte[] body =
        [
            4, 0, 1, (byte)(version >> 8), (byte)version,
            (byte)(certificate.Length >> 8), (byte)certificate.Length, 0, (byte)(kinds.Length * 3), 0, (byte)connectionId,
            .. certificate, .. kinds.SelectMany(k => new[] { (byte)(k >> 16), (byte)(k >> 8), (byte)k }), .. new byte[connectionId],
        ];
        return [(byte)(0x80 | (body.Length >> 8)), (byte)body.Length, .. body];
    }

    [Fact]
    public void The_client_hello_has_the_two_byte_header_version_2_every_cipher_kind_and_a_16_byte_challenge()
    {
        var hello = ClientHelloWriter.Write(new ClientHelloSpec(TlsVersion.Ssl20, [], [], [], "mx.example.nl", Challenge));
        var length = ((hello[0] & 0x7F) << 8) | hello[1];
        Assert.Equal(0x80, hello[0] & 0x80);
        Assert.Equal(hello.Length - 2, length);
        Assert.Equal([1, 0x00, 0x02, 0, 21, 0, 0, 0, 16], hello[2..11]);
        Assert.Equal([0x01, 0x00, 0x80], hello[11..14]);
        Assert.Equal([0x07, 0x00, 0xC0], hello[29..32]);
        Assert.Equal(Challenge[..16], hello[32..]);
    }

    [Fact]
    public void A_server_hello_gives_the_version_certificate_and_cipher_kinds()
    {
        var parse = ServerFlightParser.Parse(ServerHello([0x30, 0x03, 1, 2, 3], [0x010080, 0x0700C0, 0x090909]));
        Assert.Null(parse.Error);
        var hello = Assert.IsType<Ssl2ServerHello>(parse.Value!.Ssl2Hello);
        Assert.True(hello.SpeaksSsl2);
        Assert.False(hello.SessionIdHit);
        Assert.Equal(1, hello.CertificateType);
        Assert.Equal([0x30, 0x03, 1, 2, 3], hello.Certificate);
        Assert.Equal(["SSL_CK_RC4_128_WITH_MD5", "SSL_CK_DES_192_EDE3_CBC_WITH_MD5", "0x090909"], hello.CipherKinds.Select(Ssl2CipherKinds.Name));
        Assert.Null(parse.Value.Hello);
    }

    [Fact]
    public void A_server_hello_with_another_version_does_not_speak_ssl2()
    {
        var parse = ServerFlightParser.Parse(ServerHello([], [0x010080], version: 0x0301));
        Assert.False(parse.Value!.Ssl2Hello!.SpeaksSsl2);
    }

    [Fact]
    public void A_truncated_answer_asks_for_more_at_every_length()
    {
        var whole = ServerHello([0x30, 0x00], [0x010080]);
        for (var length = 0; length < whole.Length; length++)
            Assert.True(Ssl2ServerHelloParser.Parse(whole.AsSpan(0, length)).Error is { NeedsMore: true }, $"{length} bytes");
    }

    [Fact]
    public void An_error_message_is_read_as_the_server_turning_the_hello_down()
    {
        var parse = ServerFlightParser.Parse([0x80, 0x03, 0x00, 0x00, 0x01]);
        Assert.Null(parse.Error);
        Assert.Equal("NO-CIPHER-ERROR", parse.Value!.Ssl2Error!.Name);
        Assert.Null(parse.Value.Ssl2Hello);
        Assert.Equal("SSL 2.0 NO-CIPHER-ERROR", Tls.Enumeration.HelloOutcome.Of(parse.Value).Failure);
        Assert.NotNull(ServerFlightParser.Parse([0x80, 0x02, 0x00, 0x00]).Error);
    }

    [Theory]
    [InlineData("8001 05", "neither SERVER-HELLO nor ERROR")]
    [InlineData("8000", "length 0")]
    [InlineData("8005 04 00 01 00 02", "too short")]
    [InlineData("800B 04 02 01 0002 0000 0000 0010", "session-id-hit is 2")]
    [InlineData("800B 04 00 01 0002 0000 0002 0010", "not a multiple of 3")]
    [InlineData("800B 04 00 01 0002 0000 0000 0008", "16 to 32")]
    [InlineData("800C 04 00 01 0002 0000 0000 0010 FF", "lengths say 16")]
    public void Garbage_is_an_error_with_its_reason(string hex, string reason)
    {
        var parse = Ssl2ServerHelloParser.Parse(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)));
        Assert.Null(parse.Value);
        Assert.Contains(reason, parse.Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tls_alert_is_not_taken_for_ssl2()
    {
        var parse = ServerFlightParser.Parse(TlsBytes.Alert(70));
        Assert.Equal(70, parse.Value!.Alert!.Description);
        Assert.Null(parse.Value.Ssl2Hello);
    }

    [Fact]
    public void Mutated_ssl2_answers_never_throw()
    {
        var seed = ServerHello([0x30, 0x03, 1, 2, 3], [0x010080, 0x0700C0]);
        var random = new Random(20261207);
        for (var i = 0; i < 20_000; i++)
        {
            var input = seed.ToArray();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
                input[random.Next(input.Length)] = (byte)random.Next(256);
            var cut = input.AsSpan(0, random.Next(input.Length + 1));
            var parse = ServerFlightParser.Parse(cut);
            Assert.True(parse.Error is not null || parse.Value is not null);
        }
    }
}
