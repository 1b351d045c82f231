using System.Text;

namespace MailScan.Checks.Smtp;

/// <summary>
/// The server side of an SMTP session, bounded before TLS and inside it. MailKit keeps a reply in
/// memory until it ends, so a hostile server with one line of megabytes, or a multi-line reply
/// that never ends, would make it grow without limit. Reading past a bound fails with
/// <see cref="SmtpReplyTooLargeException"/>, an IOException the sessions already report. Once the
/// client has sent STARTTLS and the server's next line has ended, the bytes are TLS: they are
/// counted in all, since the lines inside are out of sight, and the TLS layer bounds only each
/// record, not how many come (an EHLO reply inside TLS that never ends, handshake messages that
/// a client skips without end).
/// </summary>
public sealed class SmtpReplyLimitStream(Stream inner) : Stream
{
    /// <summary>RFC 5321 §4.5.3.1.5 allows 512 octets a reply line; real servers sometimes say more, none this much.</summary>
    public const int MaxLineBytes = 8 * 1024;

    /// <summary>Everything the server may say before TLS: a greeting and a few EHLO replies, like the transcript keeps.</summary>
    public const int MaxPlaintextBytes = SmtpTranscript.MaxServerBytes;

    /// <summary>
    /// Everything the server may send after STARTTLS: a first flight as large as the raw hellos
    /// accept (a long chain), the reply to EHLO inside TLS as large as one before it, and session
    /// tickets. Real servers send a few KiB.
    /// </summary>
    public const int MaxTlsBytes = 256 * 1024 + MaxPlaintextBytes + 64 * 1024;

    private static readonly byte[] StartTls = Encoding.ASCII.GetBytes("STARTTLS");

    private long _received;
    private long _tlsReceived;
    private int _line;
    private bool _startTlsSent;
    private bool _tls;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    /// <summary>Applies to asynchronous reads too (MailKit sets it from its Timeout; a NetworkStream would honour it only when synchronous).</summary>
    public override bool CanTimeout => true;
    public override int ReadTimeout { get; set; } = Timeout.Infinite;
    public override int WriteTimeout { get; set; } = Timeout.Infinite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (inner.CanTimeout)
            inner.ReadTimeout = ReadTimeout;
        return Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (ReadTimeout > 0)
            limit.CancelAfter(ReadTimeout);
        try
        {
            var read = await inner.ReadAsync(buffer, limit.Token).ConfigureAwait(false);
            return Count(buffer.Span[..read]);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"nothing received within {ReadTimeout / 1000.0:0.#} s");
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Saw(buffer.AsSpan(offset, count));
        inner.Write(buffer, offset, count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Saw(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    private void Saw(ReadOnlySpan<byte> written)
    {
        if (written.Length >= StartTls.Length && Ascii.EqualsIgnoreCase(written[..StartTls.Length], StartTls))
            _startTlsSent = true;
    }

    /// <summary>Counts what was read and throws when a bound is crossed; returns the count.</summary>
    private int Count(ReadOnlySpan<byte> read)
    {
        if (_tls)
            return CountTls(read.Length);
        for (var i = 0; i < read.Length; i++)
        {
            if (read[i] != (byte)'\n')
            {
                if (++_line > MaxLineBytes)
                    throw new SmtpReplyTooLargeException($"the server sent a reply line longer than {MaxLineBytes / 1024} KiB");
                continue;
            }
            _line = 0;
            if (_startTlsSent)
            {
                // The reply to STARTTLS has ended: what follows is the TLS handshake.
                _tls = true;
                CountTls(read.Length - i - 1);
                return read.Length;
            }
        }
        _received += read.Length;
        if (_received > MaxPlaintextBytes)
            throw new SmtpReplyTooLargeException($"the server's replies exceeded {MaxPlaintextBytes / 1024} KiB (a reply that never ends)");
        return read.Length;
    }

    private int CountTls(int read)
    {
        _tlsReceived += read;
        if (_tlsReceived > MaxTlsBytes)
            throw new SmtpReplyTooLargeException($"the server sent more than {MaxTlsBytes / 1024} KiB after STARTTLS (a TLS handshake or a reply inside TLS that never ends)");
        return read;
    }
}
