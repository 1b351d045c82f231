using System.Text;
using MailScan.Checks.Options;
using MailScan.Checks.Smtp;
using MailScan.Checks.StartTls;

namespace MailScan.Checks.Tests.Smtp;

/// <summary>
/// The SMTP reply parser and the STARTTLS upgrade of the raw TLS connections, replayed against
/// dialogues recorded off the lab's mail servers (Dialogues/, with the recorder): Postfix with and
/// without STARTTLS, a 421 greeting, a reset after EHLO, an endless EHLO reply, and TLS bytes sent
/// straight after the 220 to STARTTLS.
/// </summary>
public sealed class SmtpDialogueReplayTests
{
    private const string EhloName = "scanner.mailscan.test";

    [Fact]
    public void Postfix_replies_split_into_greeting_multiline_EHLO_and_the_STARTTLS_go_ahead()
    {
        var replies = SmtpReplyReader.All(Encoding.Latin1.GetString(SmtpDialogue.Load("mx-good").ServerBytes));

        Assert.Equal([220, 250, 220], replies.Select(r => r.Code));
        Assert.Equal("mx.lab.test ESMTP MailScan lab", replies[0].Text);
        var extensions = SmtpTranscript.Extensions(replies[1]);
        Assert.Equal(10, extensions.Count);
        Assert.Contains("SIZE 10240000", extensions);
        Assert.True(SmtpTranscript.OffersStartTls(extensions));
    }

    [Fact]
    public void A_server_without_STARTTLS_is_read_as_not_offering_it()
    {
        var replies = SmtpReplyReader.All(Encoding.Latin1.GetString(SmtpDialogue.Load("mx-tls-none").ServerBytes));
        Assert.Equal([220, 250], replies.Select(r => r.Code));
        Assert.False(SmtpTranscript.OffersStartTls(SmtpTranscript.Extensions(replies[1])));
    }

    [Fact]
    public async Task The_upgrade_with_Postfix_ends_ready_for_TLS_after_exactly_the_recorded_commands()
    {
        var (why, replay) = await UpgradeAsync("mx-good");
        Assert.Null(why);
        Assert.True(replay.Finished);
    }

    [Theory]
    [InlineData("mx-tls-none", "STARTTLS is not offered", false)]
    [InlineData("mx-421", "greeting 421 4.7.0 busy.lab.test too many connections, try again later", true)]
    [InlineData("mx-reset", "no reply to EHLO", false)]
    public async Task An_upgrade_that_cannot_happen_says_why_and_sends_nothing_more(string dialogue, string expected, bool tryLater)
    {
        var (why, replay) = await UpgradeAsync(dialogue);
        Assert.Equal(new StartTlsRefusal(expected, tryLater), why);
        Assert.True(replay.Finished, $"the client stopped before the recording ended: {dialogue}");
        Assert.Equal(string.Empty, replay.Unmatched);
    }

    [Fact]
    public async Task An_endless_EHLO_reply_is_cut_off_at_the_reply_limit()
    {
        var dialogue = SmtpDialogue.Load("mx-endless");
        Assert.True(dialogue.Steps[^1].Bytes.Length > 64 * 1024, "the recording must be longer than the limit");
        var (why, _) = await UpgradeAsync("mx-endless");
        Assert.Equal("no reply to EHLO", why?.Reason);
    }

    [Fact]
    public async Task Bytes_after_the_220_to_STARTTLS_are_left_for_the_TLS_part()
    {
        var dialogue = SmtpDialogue.Load("mx-tlsgarbage");
        var replay = new ReplayStream(dialogue);
        var why = await Connection().StartTlsAsync(replay, CancellationToken.None);

        Assert.Null(why);
        var rest = new byte[2];
        Assert.Equal(2, await replay.ReadAsync(rest));
        Assert.Equal(new byte[] { 0x16, 0x03 }, rest);
    }

    private static async Task<(StartTlsRefusal? Why, ReplayStream Replay)> UpgradeAsync(string name)
    {
        var replay = new ReplayStream(SmtpDialogue.Load(name));
        var why = await Connection().StartTlsAsync(replay, CancellationToken.None);
        return (why, replay);
    }

    private static RawStartTlsConnection Connection() =>
        new(new SmtpOptions { BannerTimeout = TimeSpan.FromSeconds(5), CommandTimeout = TimeSpan.FromSeconds(5) }, EhloName, TimeProvider.System, _ => { });
}
