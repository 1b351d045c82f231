using System.Text;

namespace MailScan.Tls.Codec;

/// <summary>Encodes a <see cref="ClientHelloSpec"/> as one TLS handshake record (an SSL 2.0 spec as an SSL 2.0 CLIENT-HELLO). Pure.</summary>
public static class ClientHelloWriter
{
    private const byte Handshake = 22;
    private const byte ClientHelloType = 1;
    private const ushort RenegotiationScsv = 0x00FF;

    public static byte[] Write(ClientHelloSpec spec)
    {
        if (spec.Version == TlsVersion.Ssl20)
            return Ssl2ClientHelloWriter.Write(Ssl2CipherKinds.All, spec.Random);
        var tls13 = spec.Version == TlsVersion.Tls13;
        var legacyVersion = tls13 ? (ushort)TlsVersion.Tls12 : (ushort)spec.Version;
        var body = new List<byte>(512);
        U16(body, legacyVersion);
        body.AddRange(spec.Random.AsSpan(0, 32).ToArray());
        body.Add(0); // no session id: nothing to resume
        var suites = spec.Version == TlsVersion.Ssl30 ? [.. spec.Suites, RenegotiationScsv] : spec.Suites;
        U16(body, suites.Count * 2);
        foreach (var suite in suites)
            U16(body, suite);
        if (spec.OfferCompression && !tls13)
            body.AddRange([2, 1, 0]); // DEFLATE, null
        else
            body.AddRange([1, 0]);
        if (spec.Version >= TlsVersion.Tls10)
            Extensions(body, spec, tls13);

        var handshake = new List<byte>(body.Count + 4) { ClientHelloType };
        U24(handshake, body.Count);
        handshake.AddRange(body);
        var record = new List<byte>(handshake.Count + 5) { Handshake };
        // Record version 1.0 for every hello above SSL 3.0: what browsers send, and tolerated widely.
        U16(record, spec.Version == TlsVersion.Ssl30 ? (ushort)TlsVersion.Ssl30 : (ushort)TlsVersion.Tls10);
        U16(record, handshake.Count);
        record.AddRange(handshake);
        return [.. record];
    }

    private static void Extensions(List<byte> body, ClientHelloSpec spec, bool tls13)
    {
        var ext = new List<byte>(256);
        if (!string.IsNullOrEmpty(spec.ServerName) && spec.ServerName.Length <= 253)
        {
            var name = Encoding.ASCII.GetBytes(spec.ServerName);
            Extension(ext, 0, [.. Be16(name.Length + 3), 0, .. Be16(name.Length), .. name]);
        }
        if (spec.Groups.Count > 0)
            Extension(ext, 10, [.. Be16(spec.Groups.Count * 2), .. spec.Groups.SelectMany(Be16)]);
        if (!tls13)
            Extension(ext, 11, [1, 0]); // ec_point_formats: uncompressed
        if (spec.Version >= TlsVersion.Tls12 && spec.SignatureSchemes.Count > 0)
            Extension(ext, 13, [.. Be16(spec.SignatureSchemes.Count * 2), .. spec.SignatureSchemes.SelectMany(Be16)]);
        if (tls13)
        {
            Extension(ext, 43, [2, 0x03, 0x04]); // supported_versions: TLS 1.3 only
            if (spec.KeyShare is var (group, key))
                Extension(ext, 51, [.. Be16(key.Length + 4), .. Be16(group), .. Be16(key.Length), .. key]);
            else
                Extension(ext, 51, [0, 0]); // key_share: empty, so the server names its group in a HelloRetryRequest
        }
        else
        {
            Extension(ext, 0xFF01, [(byte)spec.RenegotiationInfo.Length, .. spec.RenegotiationInfo]); // RFC 5746
            Extension(ext, 23, []); // extended_master_secret (RFC 7627)
        }
        // RFC 7685: some servers hang on hellos of 256-511 bytes; pad past 512.
        var length = body.Count + 4 + 2 + ext.Count;
        if (length is >= 256 and < 512)
            Extension(ext, 21, new byte[Math.Max(0, 512 - length - 4)]);
        U16(body, ext.Count);
        body.AddRange(ext);
    }

    private static void Extension(List<byte> ext, ushort type, byte[] data)
    {
        U16(ext, type);
        U16(ext, data.Length);
        ext.AddRange(data);
    }

    private static byte[] Be16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] Be16(ushort value) => [(byte)(value >> 8), (byte)value];

    private static void U16(List<byte> buffer, int value)
    {
        buffer.Add((byte)(value >> 8));
        buffer.Add((byte)value);
    }

    private static void U24(List<byte> buffer, int value)
    {
        buffer.Add((byte)(value >> 16));
        buffer.Add((byte)(value >> 8));
        buffer.Add((byte)value);
    }
}
