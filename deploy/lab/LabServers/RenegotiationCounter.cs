namespace MailScan.LabServers;

/// <summary>
/// Counts the renegotiations a TLS 1.2 client starts, from the record types of what it sends (TLS
/// 1.2 leaves them in the clear): after the client's ChangeCipherSpec its next handshake record is
/// its Finished; any handshake record after that starts a new handshake. TLS 1.3 hides its record
/// types and has no renegotiation, so it counts nothing.
/// </summary>
public sealed class RenegotiationCounter
{
    private readonly List<byte> _pending = [];
    private bool _afterChangeCipherSpec;
    private bool _handshakeDone;

    /// <summary>Renegotiations started so far.</summary>
    public int Started { get; private set; }

    /// <summary>Feeds bytes the client sent; stops at the first byte that cannot be a record header.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        _pending.AddRange(bytes);
        var at = 0;
        while (_pending.Count - at >= 5)
        {
            var length = (_pending[at + 3] << 8) | _pending[at + 4];
            if (_pending.Count - at - 5 < length)
                break;
            Record(_pending[at]);
            at += 5 + length;
        }
        _pending.RemoveRange(0, at);
    }

    private void Record(byte type)
    {
        if (type == 20)
            _afterChangeCipherSpec = true;
        else if (type == 22 && _afterChangeCipherSpec)
        {
            _afterChangeCipherSpec = false;
            _handshakeDone = true;
        }
        else if (type == 22 && _handshakeDone)
        {
            _handshakeDone = false;
            Started++;
        }
    }
}
