using MailScan.Checks.Smtp;

namespace MailScan.Checks.Tests.Smtp;

public sealed class SmtpTranscriptTests
{
    [Fact]
    public void Multi_line_replies_are_split_by_their_last_line()
    {
        const string text = "220-mx.example.nl ESMTP\r\n220 ready\r\n250-mx.example.nl\r\n250-PIPELINING\r\n250-starttls\r\n250 8BITMIME\r\n";
        var replies = SmtpTranscript.Replies(text);

        Assert.Equal(2, replies.Count);
        Assert.Equal(220, replies[0].Code);
        Assert.Equal(["mx.example.nl ESMTP", "ready"], replies[0].Lines);
        Assert.Equal(["PIPELINING", "STARTTLS", "8BITMIME"], SmtpTranscript.Extensions(replies[1]));
    }

    [Fact]
    public void An_unfinished_reply_is_left_out()
    {
        var replies = SmtpTranscript.Replies("220 ok\r\n250-first\r\n250-second");
        Assert.Single(replies);
    }

    [Fact]
    public void A_line_still_being_received_is_no_reply()
    {
        // A greeting sent one byte a second, cut off by the timeout: no greeting was received.
        Assert.Empty(SmtpTranscript.Replies("220 slow.example ESMTP one by"));
        Assert.Single(SmtpTranscript.Replies("220 ok\r\n250 fi"));
    }

    [Fact]
    public void Server_text_is_capped()
    {
        var transcript = new SmtpTranscript();
        var chunk = new byte[10_000];
        Array.Fill(chunk, (byte)'a');
        for (var i = 0; i < 20; i++)
            transcript.LogServer(chunk, 0, chunk.Length);
        Assert.Equal(SmtpTranscript.MaxServerBytes, transcript.ServerText.Length);
    }

    [Fact]
    public void Lines_that_are_not_replies_are_ignored()
    {
        var replies = SmtpTranscript.Replies("garbage\r\nxx\r\n421 4.3.2 try later\r\n");
        var reply = Assert.Single(replies);
        Assert.Equal(421, reply.Code);
        Assert.Equal("4.3.2 try later", reply.Text);
    }
}
