namespace MailScan.Tls.Renegotiation;

/// <summary>
/// The TLS 1.2 record layer of one connection: whole records from the stream, opened with the
/// current read protection once the server changed cipher spec, sealed with the current write
/// protection once the client did. Each read waits at most the answer timeout.
/// </summary>
internal sealed class Tls12RecordLayer(Stream stream, TimeSpan answerTimeout) : IDisposable
{
    private const int MaxRecord = 16384 + 2048;
    private GcmRecordProtection? _read;
    private GcmRecordProtection? _write;

    /// <summary>The next record's type and plaintext; null payload when it does not decrypt.</summary>
    public async Task<RecordRead> ReadAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(answerTimeout);
        try
        {
            var header = new byte[5];
            if (!await FillAsync(header, timeout.Token).ConfigureAwait(false))
                return RecordRead.Closed;
            var length = (header[3] << 8) | header[4];
            if (header[1] != 3 || length > MaxRecord)
                return RecordRead.NotTls;
            var payload = new byte[length];
            if (!await FillAsync(payload, timeout.Token).ConfigureAwait(false))
                return RecordRead.Closed;
            // ChangeCipherSpec switches protection for the records after it; the record itself is under the old one.
            var plain = _read is null ? payload : _read.Open(header[0], payload);
            return new RecordRead(RecordReadState.Record, header[0], plain);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RecordRead.Silent;
        }
        catch (IOException)
        {
            return RecordRead.Closed;
        }
    }

    public async Task WriteAsync(byte type, byte[] plaintext, CancellationToken cancellationToken)
    {
        var payload = _write is null ? plaintext : _write.Seal(type, plaintext);
        await stream.WriteAsync(Record(type, payload), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records after the server's ChangeCipherSpec are read with these keys.</summary>
    public void ChangeRead(GcmRecordProtection protection)
    {
        _read?.Dispose();
        _read = protection;
    }

    /// <summary>Records after the client's ChangeCipherSpec are written with these keys.</summary>
    public void ChangeWrite(GcmRecordProtection protection)
    {
        _write?.Dispose();
        _write = protection;
    }

    public static byte[] Record(byte type, byte[] payload) =>
        [type, 3, 3, (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];

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

    public void Dispose()
    {
        _read?.Dispose();
        _write?.Dispose();
    }
}
