using System.Text;
using MailScan.Checks.Smtp;

namespace MailScan.Checks.Tests.Smtp;

public sealed class SmtpReplyLimitStreamTests
{
    [Fact]
    public async Task A_line_longer_than_the_limit_fails_the_read()
    {
        var server = new MemoryStream(Encoding.ASCII.GetBytes("220 " + new string('x', SmtpReplyLimitStream.MaxLineBytes) + "\r\n"));
        using var limited = new SmtpReplyLimitStream(server);
        var error = await Assert.ThrowsAsync<SmtpReplyTooLargeException>(() => ReadAllAsync(limited));
        Assert.Contains("reply line longer than 8 KiB", error.Message);
    }

    [Fact]
    public async Task Short_lines_without_end_fail_once_the_replies_exceed_the_limit()
    {
        var lines = string.Concat(Enumerable.Repeat("250-PADDING-LINE\r\n", SmtpReplyLimitStream.MaxPlaintextBytes / 18 + 10));
        using var limited = new SmtpReplyLimitStream(new MemoryStream(Encoding.ASCII.GetBytes("220 hi\r\n" + lines)));
        var error = await Assert.ThrowsAsync<SmtpReplyTooLargeException>(() => ReadAllAsync(limited));
        Assert.Contains("exceeded 64 KiB", error.Message);
    }

    [Fact]
    public async Task A_normal_session_passes_unchanged()
    {
        const string text = "220-mx.example ESMTP\r\n220 ready\r\n250-mx.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n221 bye\r\n";
        using var limited = new SmtpReplyLimitStream(new MemoryStream(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(await ReadAllAsync(limited)));
    }

    [Fact]
    public async Task After_starttls_and_its_reply_tls_bytes_pass_the_line_limits_up_to_the_tls_budget()
    {
        var tls = new byte[SmtpReplyLimitStream.MaxTlsBytes]; // no line feeds at all, far more than the plain-text limit
        // The server's side from the reply to STARTTLS on, which the client sent after the EHLO reply.
        var server = new MemoryStream([.. Encoding.ASCII.GetBytes("220 go ahead\r\n"), .. tls]);
        using var limited = new SmtpReplyLimitStream(new DuplexStream(server));
        await limited.WriteAsync(Encoding.ASCII.GetBytes("STARTTLS\r\n"));
        Assert.Equal(server.Length, (await ReadAllAsync(limited)).Length);
    }

    [Fact]
    public async Task Tls_bytes_past_the_budget_fail_the_read()
    {
        var tls = new byte[SmtpReplyLimitStream.MaxTlsBytes + 1];
        var server = new MemoryStream([.. Encoding.ASCII.GetBytes("220 go ahead\r\n"), .. tls]);
        using var limited = new SmtpReplyLimitStream(new DuplexStream(server));
        await limited.WriteAsync(Encoding.ASCII.GetBytes("STARTTLS\r\n"));
        var error = await Assert.ThrowsAsync<SmtpReplyTooLargeException>(() => ReadAllAsync(limited));
        Assert.Equal("the server sent more than 384 KiB after STARTTLS (a TLS handshake or a reply inside TLS that never ends)", error.Message);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        var all = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
            all.Write(buffer, 0, read);
        return all.ToArray();
    }

    /// <summary>Reads from the server's bytes; writes go nowhere.</summary>
    private sealed class DuplexStream(MemoryStream server) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => server.Length;
        public override long Position { get => server.Position; set => server.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => server.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) { }
    }
}
