using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MailScan.Tls.EarlyData;

/// <summary>
/// TLS 1.3 record protection for one direction (RFC 8446 §5.2, §5.3): the inner content type after
/// the content, nonce = iv XOR sequence number, the record header as additional data.
/// </summary>
internal sealed class Tls13RecordProtection : IDisposable
{
    private const int TagSize = 16;
    private readonly AesGcm? _aes;
    private readonly ChaCha20Poly1305? _chacha;
    private readonly byte[] _iv;
    private ulong _sequence;

    public Tls13RecordProtection(Tls13Suite suite, byte[] trafficSecret)
    {
        var key = Tls13KeySchedule.ExpandLabel(suite.Hash, trafficSecret, "key", [], suite.KeyLength);
        _iv = Tls13KeySchedule.ExpandLabel(suite.Hash, trafficSecret, "iv", [], 12);
        if (suite.ChaCha20)
            _chacha = new ChaCha20Poly1305(key);
        else
            _aes = new AesGcm(key, TagSize);
    }

    /// <summary>A whole application_data record carrying <paramref name="content"/> of the given inner type.</summary>
    public byte[] Seal(byte contentType, ReadOnlySpan<byte> content)
    {
        var length = content.Length + 1 + TagSize;
        var record = new byte[5 + length];
        record[0] = 23;
        record[1] = 3;
        record[2] = 3;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), (ushort)length);
        byte[] inner = [.. content, contentType];
        var body = record.AsSpan(5);
        if (_aes is not null)
            _aes.Encrypt(Nonce(), inner, body[..inner.Length], body[inner.Length..], record.AsSpan(0, 5));
        else
            _chacha!.Encrypt(Nonce(), inner, body[..inner.Length], body[inner.Length..], record.AsSpan(0, 5));
        _sequence++;
        return record;
    }

    /// <summary>The inner type and content of a protected record, or null when it does not authenticate.</summary>
    public (byte Type, byte[] Content)? Open(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < TagSize + 1)
            return null;
        var inner = new byte[payload.Length - TagSize];
        try
        {
            if (_aes is not null)
                _aes.Decrypt(Nonce(), payload[..inner.Length], payload[inner.Length..], inner, header);
            else
                _chacha!.Decrypt(Nonce(), payload[..inner.Length], payload[inner.Length..], inner, header);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        _sequence++;
        var end = Array.FindLastIndex(inner, b => b != 0); // zero padding before the type
        return end < 0 ? null : (inner[end], inner[..end]);
    }

    private byte[] Nonce()
    {
        var nonce = (byte[])_iv.Clone();
        Span<byte> sequence = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(sequence, _sequence);
        for (var i = 0; i < 8; i++)
            nonce[4 + i] ^= sequence[i];
        return nonce;
    }

    public void Dispose()
    {
        _aes?.Dispose();
        _chacha?.Dispose();
    }
}
