using MailScan.Tls;
using MailScan.Tls.Codec;

namespace MailScan.Tls.Tests.EarlyData;

/// <summary>The key share a TLS 1.3 handshake that completes needs: sent in the ClientHello, read from the ServerHello.</summary>
public sealed class TlsHelloKeyShareTests
{
    /// <summary>Postfix 3.7's TLS 1.3 ServerHello to a P-256 share (captured by `openssl s_client -groups P-256 -msg`).</summary>
    private const string PostfixServerHello =
        "0200009703036d41a2b61a775ff90c7a44bbc6b642e02b66dc410caf3020238a3003f35da09b204cd436175c0d247e91e9034a2559d02b37434404ee3056577c" +
        "33b2fbc8dff738130200004f002b0002030400330045001700410491ecc15f271022f704f8b6028d41a961d5394b6664e6929f6a2c26f63bcfea5f9324eb7f" +
        "8653d67f0206ce33b6326057e8a922ad99bcb8879232032332f8bf43";

    [Fact]
    public void The_servers_p256_share_is_read_from_a_tls13_server_hello()
    {
        var message = Convert.FromHexString(PostfixServerHello);
        var (hello, error) = ServerHelloParser.Parse(message.AsSpan(4), 4);
        Assert.Null(error);
        Assert.Equal(TlsVersion.Tls13, hello!.Version);
        Assert.Equal(TlsNamedGroups.Secp256r1, hello.SelectedGroup);
        Assert.Equal(65, hello.KeyShare!.Length);
        Assert.Equal(4, hello.KeyShare[0]);
        Assert.Equal(message[^64..], hello.KeyShare[1..]);
    }

    [Fact]
    public void A_hello_with_a_key_share_carries_the_group_and_key_where_enumeration_hellos_send_an_empty_one()
    {
        var key = Enumerable.Range(0, 65).Select(i => (byte)i).ToArray();
        var spec = new ClientHelloSpec(TlsVersion.Tls13, [0x1301], [TlsNamedGroups.Secp256r1], TlsSignatureSchemes.All, "mx.example", new byte[32]);
        byte[] expected = [0, 51, 0, 71, 0, 69, 0, 23, 0, 65, .. key]; // extension 51, its length, the shares' length, group 23, key length
        Assert.True(Contains(ClientHelloWriter.Write(spec with { KeyShare = (TlsNamedGroups.Secp256r1, key) }), expected));
        Assert.True(Contains(ClientHelloWriter.Write(spec), [0, 51, 0, 2, 0, 0]));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
