using MailScan.Checks.Smtp;

namespace MailScan.Checks.Tests.Smtp;

public sealed class SmtpTranscriptTests
{
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
}
