using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailScan.LabServers;

/// <summary>
/// What OpenSSL 3 can no longer do: answer an SSL 2.0 CLIENT-HELLO. The first bytes a client sends
/// after STARTTLS are read here; an SSL 2.0 CLIENT-HELLO gets an SSL 2.0 SERVER-HELLO (the
/// server's certificate, two SSL 2.0 cipher kinds, a fresh connection id) and the connection ends,
/// which is enough to show the server accepts SSL 2.0. Anything else goes on to TLS unchanged.
/// </summary>
public static class Ssl2Door
{
    /// <summary>Bytes read before deciding: fewer than any TLS record header (5), enough for an SSL 2.0 header and message type.</summary>
    public const int Peek = 3;

    // SSL_CK_RC4_128_WITH_MD5 and SSL_CK_DES_192_EDE3_CBC_WITH_MD5.
    private static readonly byte[] CipherKinds = [0x01, 0x00, 0x80, 0x07, 0x00, 0xC0];

    /// <summary>The first <see cref="Peek"/> bytes the client sent; shorter when it closed first.</summary>
    public static async Task<byte[]> ReadStartAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var start = new byte[Peek];
        var read = 0;
        while (read < Peek)
        {
            var n = await stream.ReadAsync(start.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
                break;
            read += n;
        }
        return start[..read];
    }

    /// <summary>A two-byte header with the high bit set, then message type 1 (CLIENT-HELLO).</summary>
    public static bool IsClientHello(ReadOnlySpan<byte> start) => start.Length == Peek && (start[0] & 0x80) != 0 && start[2] == 1;

    /// <summary>Reads the rest of the CLIENT-HELLO, answers with a SERVER-HELLO, and returns (the caller closes).</summary>
    public static async Task AnswerAsync(NetworkStream stream, byte[] start, string certificatePem, CancellationToken cancellationToken)
    {
        var rest = (((start[0] & 0x7F) << 8) | start[1]) - 1;
        await stream.ReadExactlyAsync(new byte[rest], cancellationToken).ConfigureAwait(false);
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePem));
        await stream.WriteAsync(ServerHello(certificate.RawData), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SERVER-HELLO: no session hit, certificate type X.509, version 0x0002, the lengths, then certificate, kinds and a 16-byte connection id.</summary>
    public static byte[] ServerHello(byte[] certificate)
    {
        byte[] body =
        [
            4, 0, 1, 0x00, 0x02,
            (byte)(certificate.Length >> 8), (byte)certificate.Length,
            0, (byte)CipherKinds.Length,
            0, 16,
            .. certificate, .. CipherKinds, .. RandomNumberGenerator.GetBytes(16),
        ];
        return [(byte)(0x80 | (body.Length >> 8)), (byte)body.Length, .. body];
    }
}
