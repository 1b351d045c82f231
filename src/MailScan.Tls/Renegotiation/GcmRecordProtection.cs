using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MailScan.Tls.Renegotiation;

/// <summary>TLS 1.2 AES-GCM record protection (RFC 5288) for one direction: implicit salt, explicit nonce = sequence number.</summary>
internal sealed class GcmRecordProtection(byte[] key, byte[] salt) : IDisposable
{
    private const int TagSize = 16;
    private readonly AesGcm _aes = new(key, TagSize);
    private ulong _sequence;

    /// <summary>A record's payload: explicit nonce, ciphertext, tag.</summary>
    public byte[] Seal(byte type, ReadOnlySpan<byte> plaintext)
    {
        var explicitNonce = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(explicitNonce, _sequence);
        var payload = new byte[8 + plaintext.Length + TagSize];
        explicitNonce.CopyTo(payload, 0);
        _aes.Encrypt([.. salt, .. explicitNonce], plaintext, payload.AsSpan(8, plaintext.Length), payload.AsSpan(8 + plaintext.Length), Aad(type, plaintext.Length));
        _sequence++;
        return payload;
    }

    /// <summary>The plaintext of a record's payload, or null when it does not authenticate.</summary>
    public byte[]? Open(byte type, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 8 + TagSize)
            return null;
        var length = payload.Length - 8 - TagSize;
        var plaintext = new byte[length];
        try
        {
            _aes.Decrypt([.. salt, .. payload[..8]], payload.Slice(8, length), payload[(8 + length)..], plaintext, Aad(type, length));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        _sequence++;
        return plaintext;
    }

    private byte[] Aad(byte type, int length)
    {
        var aad = new byte[13];
        BinaryPrimitives.WriteUInt64BigEndian(aad, _sequence);
        aad[8] = type;
        aad[9] = 3;
        aad[10] = 3;
        BinaryPrimitives.WriteUInt16BigEndian(aad.AsSpan(11), (ushort)length);
        return aad;
    }

    public void Dispose() => _aes.Dispose();
}
