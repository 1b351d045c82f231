using System.Text;
using MailScan.Checks.Smtp;

namespace MailScan.Checks.Tests.Smtp;

/// <summary>The reply reader on text written here and on the bytes of dialogues recorded off the lab's mail servers.</summary>
public sealed class SmtpReplyReaderTests
{
    [Fact]
    public void Multi_line_replies_are_split_by_their_last_line()
    {
        const string text = "220-mx.example.nl ESMTP\r\n220 ready\r\n250-mx.example.nl\r\n250-PIPELINING\r\n250-starttls\r\n250 8BITMIME\r\n";
        var replies = SmtpReplyReader.All(text);

        Assert.Equal(2, replies.Count);
        Assert.Equal(220, replies[0].Code);
        Assert.Equal(["mx.example.nl ESMTP", "ready"], replies[0].Lines);
        Assert.Equal(["PIPELINING", "STARTTLS", "8BITMIME"], SmtpTranscript.Extensions(replies[1]));
    }

    [Fact]
    public void The_first_reply_is_read_and_what_follows_it_is_left()
    {
        var first = SmtpReplyReader.First("220 ok\r\n250-first\r\n");

        Assert.True(first.IsValid);
        Assert.Equal(220, first.Value.Code);
        Assert.Equal(["ok"], first.Value.Lines);
    }

    [Fact]
    public void A_truncated_reply_is_unfinished_and_left_out()
    {
        Assert.Single(SmtpReplyReader.All("220 ok\r\n250-first\r\n250-second"));
        Assert.Equal(new SmtpReplyError(18, SmtpReplyFault.Unfinished), SmtpReplyReader.First("250-first\r\n250-sec").Error);
    }

    [Fact]
    public void A_line_still_being_received_is_no_reply()
    {
        // A greeting sent one byte a second, cut off by the timeout: no greeting was received.
        Assert.Empty(SmtpReplyReader.All("220 slow.example ESMTP one by"));
        Assert.Equal(SmtpReplyFault.Unfinished, SmtpReplyReader.First("220 slow.example ESMTP one by").Error?.Fault);
        Assert.Single(SmtpReplyReader.All("220 ok\r\n250 fi"));
    }

    [Fact]
    public void Garbage_lines_are_passed_over_and_garbage_alone_is_no_reply()
    {
        var reply = Assert.Single(SmtpReplyReader.All("garbage\r\nxx\r\n421 4.3.2 try later\r\n"));
        Assert.Equal(421, reply.Code);
        Assert.Equal("4.3.2 try later", reply.Text);
        Assert.Equal(SmtpReplyFault.Unfinished, SmtpReplyReader.First("\u0016\u0003\u0001garbage\r\n-\r\n").Error?.Fault);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_too_long_and_one_at_the_limit_is_read()
    {
        var overlong = "250 " + new string('a', 100);
        Assert.Equal(new SmtpReplyError(64, SmtpReplyFault.TooLong), SmtpReplyReader.First(overlong, maxChars: 64).Error);
        Assert.Equal(SmtpReplyFault.TooLong, SmtpReplyReader.First(overlong + "\r\n", maxChars: 64).Error?.Fault);

        var atLimit = "250 " + new string('a', 58) + "\r\n";
        Assert.Equal(64, atLimit.Length);
        Assert.True(SmtpReplyReader.First(atLimit, maxChars: 64).IsValid);
    }

    [Fact]
    public void A_continuation_with_another_code_is_no_reply()
    {
        const string text = "250-first\r\n220 second\r\n";
        Assert.Equal(new SmtpReplyError(11, SmtpReplyFault.MixedCodes), SmtpReplyReader.First(text).Error);
        Assert.Empty(SmtpReplyReader.All(text));
        Assert.Single(SmtpReplyReader.All("220 ok\r\n" + text));
    }

    [Fact]
    public void A_recorded_421_greeting_is_one_reply_with_its_code()
    {
        var greeting = SmtpReplyReader.First(ServerText("mx-421"));
        Assert.True(greeting.IsValid);
        Assert.Equal(421, greeting.Value.Code);
    }

    [Fact]
    public void A_recorded_endless_EHLO_reply_is_too_long_at_the_limit_of_a_reply()
    {
        var text = ServerText("mx-endless");
        var greeting = SmtpReplyReader.First(text);
        Assert.True(greeting.IsValid);

        var afterGreeting = text[(text.IndexOf('\n') + 1)..];
        Assert.Equal(SmtpReplyFault.TooLong, SmtpReplyReader.First(afterGreeting, SmtpTranscript.MaxServerBytes).Error?.Fault);
    }

    private static string ServerText(string dialogue) => Encoding.Latin1.GetString(SmtpDialogue.Load(dialogue).ServerBytes);
}
