using MailScan.Tls.EarlyData;

namespace MailScan.Tls.Tests.EarlyData;

/// <summary>NewSessionTicket bodies captured (decrypted, by `openssl s_client -msg`) from the lab's servers after STARTTLS.</summary>
public sealed class NewSessionTicketParserTests
{
    /// <summary>`openssl s_server -max_early_data 16384` (mx-tls-reneg): lifetime 7200, early_data 16384.</summary>
    internal const string OpenSslTicketWithEarlyData =
        "0400003d00001c206159c56d0800000000000000000020a915fabace3981f83435a561b7b66594db94eb4f2fb67e9e67ba7c6e63a85b870008002a000400004000";

    /// <summary>Postfix 3.7 (mx-tls-modern): lifetime 7200, no extensions.</summary>
    internal const string PostfixTicket =
        "040000e500001c20a72680b408000000000000000000d035dd9378cb2342712618fdf9b9c1e7c2ff90fe65e9836952aa9a1d624729e232ecc5a246a6e33e0535" +
        "42eb7e72c3b97d2c732c2208feab3a6b8ccc94786757cd8ecf58147816a0c5e1eca7dfca68acb89f409739ca2aad63a4325639526cc7fc938765a30525fbe549" +
        "89c2d7196e4eb820fa5d69edad67c13c06c14a6ff67a8a67cb32c0c8a7fc43498118aed66757c218699799340a4d20d03fbc2bbc5fce19972b0a9626239a4acb" +
        "c011aee2d9e75c7f38c3a85b63454aca52b8bf52e1429d12d8f69df6e7e941f61351d62361b76b0000";

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    [Fact]
    public void An_openssl_ticket_that_allows_early_data_gives_its_max_early_data_size()
    {
        var message = Bytes(OpenSslTicketWithEarlyData);
        var (ticket, error) = NewSessionTicketParser.Parse(message.AsSpan(4), 4);
        Assert.Null(error);
        Assert.Equal(16384u, ticket!.MaxEarlyDataSize);
        Assert.Equal(7200u, ticket.Lifetime);
    }

    [Fact]
    public void A_postfix_ticket_without_extensions_allows_no_early_data()
    {
        var message = Bytes(PostfixTicket);
        var (ticket, error) = NewSessionTicketParser.Parse(message.AsSpan(4), 4);
        Assert.Null(error);
        Assert.Null(ticket!.MaxEarlyDataSize);
        Assert.Equal(7200u, ticket.Lifetime);
    }

    [Fact]
    public void Every_truncation_of_a_ticket_is_an_error_with_a_position_never_an_exception()
    {
        var body = Bytes(OpenSslTicketWithEarlyData)[4..];
        for (var length = 0; length < body.Length; length++)
        {
            var (ticket, error) = NewSessionTicketParser.Parse(body.AsSpan(0, length), 4);
            Assert.Null(ticket);
            Assert.InRange(error!.Position, 4, 4 + length);
        }
    }

    [Fact]
    public void Ten_thousand_mutated_tickets_give_a_ticket_or_an_error_never_an_exception()
    {
        var random = new Random(20261129);
        foreach (var seed in new[] { Bytes(OpenSslTicketWithEarlyData)[4..], Bytes(PostfixTicket)[4..] })
        {
            for (var i = 0; i < 5000; i++)
            {
                var body = (byte[])seed.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                    body[random.Next(body.Length)] = (byte)random.Next(256);
                var (ticket, error) = NewSessionTicketParser.Parse(body.AsSpan(0, random.Next(body.Length + 1)), 4);
                Assert.True(ticket is null != (error is null));
            }
        }
    }

    [Fact]
    public void An_early_data_extension_that_is_not_four_bytes_is_an_error()
    {
        // lifetime, age_add, empty nonce, a one-byte ticket, early_data with a 2-byte value.
        byte[] body = [0, 0, 0, 60, 0, 0, 0, 0, 0, 0, 1, 0xAA, 0, 6, 0, 42, 0, 2, 0x40, 0];
        var (ticket, error) = NewSessionTicketParser.Parse(body, 4);
        Assert.Null(ticket);
        Assert.Contains("early_data", error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_early_data_extension_is_an_error()
    {
        byte[] early = [0, 42, 0, 4, 0, 0, 0x40, 0];
        byte[] body = [0, 0, 0, 60, 0, 0, 0, 0, 0, 0, 1, 0xAA, 0, 16, .. early, .. early];
        var (ticket, error) = NewSessionTicketParser.Parse(body, 4);
        Assert.Null(ticket);
        Assert.Contains("repeated", error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_ticket_is_an_error()
    {
        byte[] body = [0, 0, 0, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var (ticket, error) = NewSessionTicketParser.Parse(body, 4);
        Assert.Null(ticket);
        Assert.Contains("empty", error!.Reason, StringComparison.Ordinal);
    }
}
