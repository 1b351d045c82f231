namespace MailScan.Checks.Tls.Renegotiation;

/// <summary>Reads whole TLS records from a stream.</summary>
internal sealed class TlsRecordReader(Stream stream)
{
    private const int MaxRecord = 16384 + 2048;

    /// <summary>The next record, or null when the stream ends or the header is not TLS.</summary>
    public async Task<(byte Type, byte[] Payload)?> ReadAsync(CancellationToken cancellationToken)
    {
        var header = new byte[5];
        if (!await FillAsync(header, cancellationToken).ConfigureAwait(false) || header[1] != 3)
            return null;
        var length = (header[3] << 8) | header[4];
        if (length > MaxRecord)
            return null;
        var payload = new byte[length];
        return await FillAsync(payload, cancellationToken).ConfigureAwait(false) ? (header[0], payload) : null;
    }

    private async Task<bool> FillAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        for (var read = 0; read < buffer.Length;)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
                return false;
            read += n;
        }
        return true;
    }

    public static byte[] Record(byte type, byte[] payload) =>
        [type, 3, 3, (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
}
