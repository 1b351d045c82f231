using MailScan.Dns.Wire;

namespace MailScan.Dns.Tests.Wire;

/// <summary>The wire reader on its own: name compression and its loop protection, RDATA name expansion, EDNS, malformed input.</summary>
public sealed class DnsWireReaderTests
{
    [Fact]
    public void A_compressed_owner_is_the_name_it_points_to()
    {
        var message = WireMessage.Build(0x8180, 1, 1, 0, 0,
            WireMessage.Question("Mail.Example.NL", DnsRecordType.A),
            WireMessage.Record(WireMessage.Pointer(WireMessage.QuestionName), DnsRecordType.A, [192, 0, 2, 1]));

        var (parsed, error) = DnsWireReader.Read(message);

        Assert.Null(error);
        Assert.Equal("Mail.Example.NL.", parsed!.Answers[0].Owner.ToString());
        Assert.Equal(DnsName.Parse("mail.example.nl"), parsed.Answers[0].Owner);
    }

    [Fact]
    public void Labels_before_a_pointer_are_joined_to_the_name_it_points_to()
    {
        // "www" + pointer to "example.nl" inside the question name (offset 12 + "mail" label).
        var message = WireMessage.Build(0x8180, 1, 1, 0, 0,
            WireMessage.Question("mail.example.nl", DnsRecordType.A),
            WireMessage.Record(WireMessage.NameThen("www", WireMessage.QuestionName + 5), DnsRecordType.A, [192, 0, 2, 1]));

        var (parsed, _) = DnsWireReader.Read(message);

        Assert.Equal("www.example.nl.", parsed!.Answers[0].Owner.ToString());
    }

    [Fact]
    public void A_chain_of_backward_pointers_is_followed()
    {
        // Answer 1 owner: "a" + pointer to the question; answer 2 owner: "b" + pointer to answer 1's owner.
        var question = WireMessage.Question("example.nl", DnsRecordType.A);
        var first = WireMessage.Record(WireMessage.NameThen("a", WireMessage.QuestionName), DnsRecordType.A, [192, 0, 2, 1]);
        var firstOwner = WireMessage.QuestionName + question.Length;
        var second = WireMessage.Record(WireMessage.NameThen("b", firstOwner), DnsRecordType.A, [192, 0, 2, 2]);

        var (parsed, error) = DnsWireReader.Read(WireMessage.Build(0x8180, 1, 2, 0, 0, question, first, second));

        Assert.Null(error);
        Assert.Equal("b.a.example.nl.", parsed!.Answers[1].Owner.ToString());
    }

    [Fact]
    public void A_pointer_to_itself_is_a_loop_and_an_error_at_its_octet()
    {
        var question = WireMessage.Question("example.nl", DnsRecordType.A);
        var at = WireMessage.QuestionName + question.Length;
        var message = WireMessage.Build(0x8180, 1, 1, 0, 0, question, WireMessage.Record(WireMessage.Pointer(at), DnsRecordType.A, [192, 0, 2, 1]));

        var (parsed, error) = DnsWireReader.Read(message);

        Assert.Null(parsed);
        Assert.Equal(at, error!.Position);
        Assert.Contains("does not point backwards (loop)", error.Reason);
    }

    [Fact]
    public void A_forward_pointer_is_refused_so_two_pointers_cannot_form_a_loop()
    {
        // The owner points forward to a second pointer that points back to the first: a loop of two.
        var question = WireMessage.Question("example.nl", DnsRecordType.A);
        var at = WireMessage.QuestionName + question.Length;
        var owner = (byte[])[.. WireMessage.Pointer(at + 2), .. WireMessage.Pointer(at)];
        var message = WireMessage.Build(0x8180, 1, 1, 0, 0, question, WireMessage.Record(owner, DnsRecordType.A, [192, 0, 2, 1]));

        var (_, error) = DnsWireReader.Read(message);

        Assert.Equal(at, error!.Position);
        Assert.Contains("loop", error.Reason);
    }

    [Fact]
    public void A_name_longer_than_255_octets_through_pointers_is_refused()
    {
        // Four records each add 63-octet labels in front of the previous owner: 1 + 4 * 64 = 257 octets.
        var label = new string('a', 63);
        var question = WireMessage.Question("x", DnsRecordType.A);
        var parts = new List<byte[]> { question };
        var previous = WireMessage.QuestionName;
        var at = WireMessage.QuestionName + question.Length;
        for (var i = 0; i < 4; i++)
        {
            var record = WireMessage.Record(WireMessage.NameThen(label, previous), DnsRecordType.A, [192, 0, 2, 1]);
            parts.Add(record);
            previous = at;
            at += record.Length;
        }

        var (_, error) = DnsWireReader.Read(WireMessage.Build(0x8180, 1, 4, 0, 0, [.. parts]));

        Assert.Contains("longer than 255 octets", error!.Reason);
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x80)]
    public void Reserved_label_types_are_refused(byte labelType)
    {
        var message = WireMessage.Build(0x8180, 1, 0, 0, 0, [labelType, 0, 0, 1, 0, 1]);

        var (_, error) = DnsWireReader.Read(message);

        Assert.Equal(12, error!.Position);
        Assert.Contains($"unknown label type 0x{labelType:x2}", error.Reason);
    }

    [Fact]
    public void Compressed_names_inside_rdata_are_expanded()
    {
        var question = WireMessage.Question("example.nl", DnsRecordType.MX);
        var mx = WireMessage.Record(WireMessage.Pointer(WireMessage.QuestionName), DnsRecordType.MX,
            [0, 10, .. WireMessage.NameThen("mx1", WireMessage.QuestionName)]);
        var soa = WireMessage.Record(WireMessage.Pointer(WireMessage.QuestionName), DnsRecordType.SOA,
            [.. WireMessage.NameThen("ns1", WireMessage.QuestionName), .. WireMessage.NameThen("hostmaster", WireMessage.QuestionName), .. new byte[20]]);

        var (parsed, error) = DnsWireReader.Read(WireMessage.Build(0x8180, 1, 1, 1, 0, question, mx, soa));

        Assert.Null(error);
        Assert.Equal([0, 10, .. WireMessage.Name("mx1.example.nl")], parsed!.Answers[0].Data);
        Assert.Equal([.. WireMessage.Name("ns1.example.nl"), .. WireMessage.Name("hostmaster.example.nl"), .. new byte[20]], parsed.Authorities[0].Data);
    }

    [Fact]
    public void Rrsig_signer_and_nsec_next_name_are_expanded_and_the_rest_kept()
    {
        var question = WireMessage.Question("example.nl", DnsRecordType.NSEC);
        byte[] fixedFields = [0, 47, 13, 2, 0, 0, 1, 44, 0, 0, 0, 2, 0, 0, 0, 1, 0x12, 0x34];
        byte[] signature = [1, 2, 3, 4];
        var rrsig = WireMessage.Record(WireMessage.Pointer(WireMessage.QuestionName), DnsRecordType.RRSIG,
            [.. fixedFields, .. WireMessage.Pointer(WireMessage.QuestionName), .. signature]);
        var nsec = WireMessage.Record(WireMessage.Pointer(WireMessage.QuestionName), DnsRecordType.NSEC,
            [.. WireMessage.NameThen("next", WireMessage.QuestionName), 0, 1, 0x40]);

        var (parsed, error) = DnsWireReader.Read(WireMessage.Build(0x8180, 1, 2, 0, 0, question, rrsig, nsec));

        Assert.Null(error);
        Assert.Equal([.. fixedFields, .. WireMessage.Name("example.nl"), .. signature], parsed!.Answers[0].Data);
        Assert.Equal([.. WireMessage.Name("next.example.nl"), 0, 1, 0x40], parsed.Answers[1].Data);
    }

    [Fact]
    public void Opaque_rdata_is_kept_octet_for_octet()
    {
        // A TXT whose text happens to look like a pointer must not be touched.
        byte[] txt = [2, 0xC0, 12];
        var message = WireMessage.Build(0x8180, 1, 1, 0, 0, WireMessage.Question("example.nl", DnsRecordType.TXT),
            WireMessage.Record(WireMessage.Pointer(WireMessage.QuestionName), DnsRecordType.TXT, txt));

        var (parsed, _) = DnsWireReader.Read(message);

        Assert.Equal(txt, parsed!.Answers[0].Data);
    }

    [Theory]
    [InlineData(new byte[] { 0, 10 }, "ends before a name")]
    [InlineData(new byte[] { 0, 10, 0, 7 }, "octets too many")]
    [InlineData(new byte[] { 0 }, "is too short")]
    public void Rdata_that_does_not_fit_its_type_is_an_error(byte[] rdata, string reason)
    {
        var message = WireMessage.Build(0x8180, 1, 1, 0, 0, WireMessage.Question("example.nl", DnsRecordType.MX),
            WireMessage.Record(WireMessage.Pointer(WireMessage.QuestionName), DnsRecordType.MX, rdata));

        var (_, error) = DnsWireReader.Read(message);

        Assert.Contains(reason, error!.Reason);
        Assert.Contains("MX", error.Reason);
    }

    [Fact]
    public void A_name_in_rdata_may_not_run_past_its_rdata_length()
    {
        // RDLENGTH says 3 octets, the name inside needs more: the name must not borrow octets of the next record.
        var name = WireMessage.Name("ns1.example.nl");
        var record = WireMessage.Record(WireMessage.Pointer(WireMessage.QuestionName), DnsRecordType.NS, name);
        record[^(name.Length + 1)] = 3;
        var message = WireMessage.Build(0x8180, 1, 1, 0, 0, WireMessage.Question("example.nl", DnsRecordType.NS), record);

        var (_, error) = DnsWireReader.Read(message);

        Assert.NotNull(error);
    }

    [Fact]
    public void Counts_larger_than_the_message_are_an_error_not_an_allocation()
    {
        var message = WireMessage.Build(0x8180, 1, 65535, 65535, 65535, WireMessage.Question("example.nl", DnsRecordType.A));

        var (parsed, error) = DnsWireReader.Read(message);

        Assert.Null(parsed);
        Assert.Contains("runs past the end", error!.Reason);
    }

    [Fact]
    public void A_message_shorter_than_a_header_is_an_error()
    {
        var (_, error) = DnsWireReader.Read(new byte[11]);

        Assert.Equal(11, error!.Position);
    }

    [Fact]
    public void The_opt_record_gives_edns_the_extended_rcode_and_extended_errors()
    {
        // OPT: extended RCODE 1 (so 16 | 0 = BADVERS), EDE 7 "sig expired" (RFC 8914).
        byte[] ede = [0, 15, 0, 13, 0, 7, .. "sig expired"u8];
        var opt = WireMessage.Record([0], DnsRecordType.OPT, ede, ttl: 0x01008000, @class: 1232);
        var message = WireMessage.Build(0x8180, 1, 0, 0, 1, WireMessage.Question("example.nl", DnsRecordType.A), opt);

        var (parsed, error) = DnsWireReader.Read(message);

        Assert.Null(error);
        Assert.True(parsed!.HasEdns);
        Assert.Equal(16, parsed.Rcode);
        Assert.Equal((7, "sig expired"), Assert.Single(parsed.ExtendedErrors));
        Assert.Empty(parsed.Additionals);
    }

    [Fact]
    public void An_opt_record_outside_the_additional_section_is_an_error()
    {
        var opt = WireMessage.Record([0], DnsRecordType.OPT, [], @class: 1232);
        var message = WireMessage.Build(0x8180, 1, 1, 0, 0, WireMessage.Question("example.nl", DnsRecordType.A), opt);

        var (_, error) = DnsWireReader.Read(message);

        Assert.Contains("OPT record outside the additional section", error!.Reason);
    }

    [Fact]
    public void A_ttl_with_the_top_bit_set_is_read_as_zero()
    {
        var message = WireMessage.Build(0x8180, 1, 1, 0, 0, WireMessage.Question("example.nl", DnsRecordType.A),
            WireMessage.Record(WireMessage.Pointer(WireMessage.QuestionName), DnsRecordType.A, [192, 0, 2, 1], ttl: 0x80000001));

        var (parsed, _) = DnsWireReader.Read(message);

        Assert.Equal(0u, parsed!.Answers[0].Ttl);
    }

    [Fact]
    public void Header_flags_are_read()
    {
        // QR AA TC RD RA AD CD, opcode 0, RCODE 3.
        var (parsed, _) = DnsWireReader.Read(WireMessage.Build(0x87B3, 0, 0, 0, 0));

        Assert.True(parsed!.IsResponse && parsed.Authoritative && parsed.Truncated && parsed.RecursionDesired);
        Assert.True(parsed.RecursionAvailable && parsed.AuthenticData && parsed.CheckingDisabled);
        Assert.Equal(3, parsed.Rcode);
        Assert.Equal(0x1234, parsed.Id);
    }
}
