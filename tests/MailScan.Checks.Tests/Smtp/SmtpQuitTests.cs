using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailScan.Checks.Smtp;
using static MailScan.Checks.Tests.Smtp.SmtpDialogue;

namespace MailScan.Checks.Tests.Smtp;

/// <summary>Every session ends with the one QUIT: sent once, and harmless when the server drops it.</summary>
public sealed class SmtpQuitTests
{
    [Fact]
    public async Task QUIT_is_sent_and_the_221_ends_the_session()
    {
        var (client, replay) = await GreetedAsync(new Step(Side.Server, Bytes("221 2.0.0 bye\r\n")));

        await SmtpQuit.SendAsync(client, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(replay.Finished);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task A_server_that_resets_at_QUIT_raises_nothing()
    {
        var (client, replay) = await GreetedAsync(new Step(Side.Reset, []));

        await SmtpQuit.SendAsync(client, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(replay.Finished);
    }

    private static async Task<(SmtpClient Client, ReplayStream Replay)> GreetedAsync(Step answerToQuit)
    {
        var dialogue = new SmtpDialogue("quit", [
            new Step(Side.Server, Bytes("220 mx.example.nl ESMTP\r\n")),
            new Step(Side.Client, Bytes("EHLO scanner.mailscan.test\r\n")),
            new Step(Side.Server, Bytes("250 mx.example.nl\r\n")),
            // The raw sessions' QUIT is the one MailKit sends: the replay fails on any other byte.
            new Step(Side.Client, SmtpQuit.Line.ToArray()),
            answerToQuit,
        ]);
        var replay = new ReplayStream(dialogue);
        var client = new SmtpClient { LocalDomain = "scanner.mailscan.test" };
        await client.ConnectAsync(replay, "mx.example.nl", 25, SecureSocketOptions.None);
        return (client, replay);
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
