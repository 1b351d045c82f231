using System.Text;

namespace MailScan.Checks.Tests.Smtp;

/// <summary>
/// Plays the server's side of a recorded dialogue and checks the client's (MailKit's replay-stream
/// idea): a read gets the server's next chunk only once the client has written everything the
/// recording says it wrote before it; a write that differs from the recording fails the test at
/// once; after the last chunk the server closes (reads return 0).
/// </summary>
internal sealed class ReplayStream(SmtpDialogue dialogue) : Stream
{
    private int _step;
    private int _offset;
    private readonly List<byte> _written = [];

    /// <summary>Whether every step of the recording was played.</summary>
    public bool Finished => _step >= dialogue.Steps.Count;

    /// <summary>What the client wrote that the recording does not have yet (nothing, when it kept to it).</summary>
    public string Unmatched => Encoding.Latin1.GetString([.. _written]);

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (Finished)
            return 0;
        var step = dialogue.Steps[_step];
        switch (step.Side)
        {
            case SmtpDialogue.Side.Reset:
                _step++;
                throw new IOException("Connection reset by peer (replayed)");
            case SmtpDialogue.Side.Client:
                throw new InvalidOperationException($"{dialogue.Name}: the client reads before it sent \"{Encoding.Latin1.GetString(step.Bytes)}\" (it sent \"{Unmatched}\")");
        }
        var take = Math.Min(count, step.Bytes.Length - _offset);
        Array.Copy(step.Bytes, _offset, buffer, offset, take);
        _offset += take;
        if (_offset == step.Bytes.Length)
            (_step, _offset) = (_step + 1, 0);
        return take;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _written.AddRange(buffer.AsSpan(offset, count).ToArray());
        while (!Finished && dialogue.Steps[_step].Side == SmtpDialogue.Side.Client && _written.Count >= dialogue.Steps[_step].Bytes.Length)
        {
            var expected = dialogue.Steps[_step].Bytes;
            var sent = _written.Take(expected.Length).ToArray();
            if (!sent.AsSpan().SequenceEqual(expected))
                throw new InvalidOperationException($"{dialogue.Name}: the client sent \"{Encoding.Latin1.GetString(sent)}\" where the recording has \"{Encoding.Latin1.GetString(expected)}\"");
            _written.RemoveRange(0, expected.Length);
            _step++;
        }
        if (_written.Count > 0 && (Finished || dialogue.Steps[_step].Side != SmtpDialogue.Side.Client))
            throw new InvalidOperationException($"{dialogue.Name}: the client sent \"{Unmatched}\", which the recording does not have");
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var array = new byte[buffer.Length];
        var read = Read(array, 0, array.Length);
        array.AsSpan(0, read).CopyTo(buffer.Span);
        return ValueTask.FromResult(read);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var array = buffer.ToArray();
        Write(array, 0, array.Length);
        return ValueTask.CompletedTask;
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
