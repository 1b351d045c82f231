namespace MailScan.Tls.EarlyData;

/// <summary>Handshake messages from the content of records: a message may span records, a record may hold several.</summary>
internal sealed class HandshakeMessages
{
    /// <summary>Larger than any certificate chain a mail server sends; a longer length is not TLS.</summary>
    private const int MaxMessage = 1 << 17;

    private readonly List<byte> _pending = [];

    public void Add(ReadOnlySpan<byte> content) => _pending.AddRange(content);

    /// <summary>The next whole message with its 4-byte header; null when it has not all arrived. False when its length is impossible.</summary>
    public bool TryNext(out byte[]? message)
    {
        message = null;
        if (_pending.Count < 4)
            return true;
        var length = (_pending[1] << 16) | (_pending[2] << 8) | _pending[3];
        if (length > MaxMessage)
            return false;
        if (_pending.Count < 4 + length)
            return true;
        message = [.. _pending.GetRange(0, 4 + length)];
        _pending.RemoveRange(0, 4 + length);
        return true;
    }

    /// <summary>Whether bytes of an unfinished message remain (a key change must not fall inside a message).</summary>
    public bool Empty => _pending.Count == 0;
}
