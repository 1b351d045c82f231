using DnsClient;
using MailScan.Dns.Dnssec;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Tests.Dnssec;

/// <summary>
/// NSEC and NSEC3 proofs (NXDOMAIN, NODATA, wildcard expansion, opt-out, closest encloser) and
/// DNAME, on real answers captured from the lab: the proofs on their own, and the whole validator
/// replaying the captured answers at the captured time.
/// </summary>
public sealed class CapturedProofTests
{
    private static readonly LabCapture Capture = LabCapture.Instance;

    public static TheoryData<string, string> Scenarios()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, type) in Capture.Live.Keys)
            data.Add(name, type);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task A_replayed_answer_gets_the_status_and_reason_it_got_live(string name, string type)
    {
        var validated = await new CapturedValidator().Validator.QueryAsync(name, Enum.Parse<QueryType>(type), CancellationToken.None);

        var (status, reason) = Capture.Live[(name, type)];
        Assert.Equal(status, validated.Status.ToString());
        Assert.Equal(reason, validated.Reason);
    }

    [Fact]
    public void Nsec_nxdomain_needs_the_covering_nsec_and_the_one_denying_the_wildcard()
    {
        var name = DnsName.Parse("no-such-name.sec-p384.test");
        var nsecs = Nsecs(Capture.Message("no-such-name.sec-p384.test", QueryType.A));

        Assert.Equal(2, nsecs.Count);
        Assert.Equal(DenialOutcome.Proven, NsecProofs.NameError(name, nsecs).Outcome);
        var covering = nsecs.Single(n => n.Covers(name));
        Assert.Contains("no NSEC proves that there is no wildcard *.sec-p384.test", NsecProofs.NameError(name, [covering]).Detail);
        Assert.Contains("does not exist", NsecProofs.NameError(name, nsecs.Except([covering]).ToList()).Detail);
    }

    [Fact]
    public void Nsec_nodata_holds_for_a_type_the_bitmap_lacks_and_fails_for_one_it_lists()
    {
        var name = DnsName.Parse("mx1.sec-p384.test");
        var nsecs = Nsecs(Capture.Message("mx1.sec-p384.test", QueryType.SOA));

        Assert.Equal(DenialOutcome.Proven, NsecProofs.NoData(name, DnsRecordType.SOA, nsecs).Outcome);
        var listed = NsecProofs.NoData(name, DnsRecordType.AAAA, nsecs);
        Assert.Equal(DenialOutcome.Failed, listed.Outcome);
        Assert.Contains("says AAAA exists", listed.Detail);
    }

    [Fact]
    public void Nsec_wildcard_expansion_needs_an_nsec_covering_the_queried_name()
    {
        var nsecs = Nsecs(Capture.Message("mx1.sec-wildcard.test", QueryType.A));

        Assert.Equal(DenialOutcome.Proven, NsecProofs.WildcardExpansion(DnsName.Parse("mx1.sec-wildcard.test"), nsecs).Outcome);
        // The apex exists: no NSEC can prove it was synthesised.
        Assert.Equal(DenialOutcome.Failed, NsecProofs.WildcardExpansion(DnsName.Parse("sec-wildcard.test"), nsecs).Outcome);
    }

    [Fact]
    public void Nsec_nodata_at_a_wildcard_uses_the_wildcards_nsec()
    {
        var name = DnsName.Parse("mx1.sec-wildcard.test");
        var nsecs = Nsecs(Capture.Message("mx1.sec-wildcard.test", QueryType.TXT));

        var proof = NsecProofs.NoData(name, DnsRecordType.TXT, nsecs);
        Assert.Equal(DenialOutcome.Proven, proof.Outcome);
        Assert.Contains("wildcard *.sec-wildcard.test", proof.Detail);
        Assert.Equal(DenialOutcome.Failed, NsecProofs.NoData(name, DnsRecordType.A, nsecs).Outcome);
    }

    [Theory]
    [InlineData("no-such-name.sec-nsec3.test")]
    [InlineData("a.b.no-such-name.sec-nsec3.test")]
    public void Nsec3_nxdomain_proves_the_closest_encloser_and_needs_every_record_it_came_with(string query)
    {
        var name = DnsName.Parse(query);
        var zone = DnsName.Parse("sec-nsec3.test");
        var records = Nsec3s(Capture.Message(query, QueryType.A));

        var proof = Nsec3Proofs.NameError(name, records);

        Assert.Equal(DenialOutcome.Proven, proof.Outcome);
        Assert.Contains("closest encloser sec-nsec3.test", proof.Detail);
        Assert.Contains(records, r => r.Matches(r.Hash(zone)));
        Assert.Contains(records, r => r.Covers(r.Hash(DnsName.Parse("no-such-name.sec-nsec3.test"))));
        Assert.Contains(records, r => r.Covers(r.Hash(DnsName.Parse("*.sec-nsec3.test"))));
        // The server sends the smallest proof: without any one of its records it no longer holds.
        foreach (var record in records)
            Assert.Equal(DenialOutcome.Failed, Nsec3Proofs.NameError(name, records.Except([record]).ToList()).Outcome);
    }

    [Fact]
    public void Nsec3_closest_encloser_is_the_deepest_existing_ancestor()
    {
        // mx1.sec-nsec3.test exists: below it, it is the closest encloser, not the apex.
        var records = Nsec3s(Capture.Message("mx1.sec-nsec3.test", QueryType.SOA))
            .Concat(Nsec3s(Capture.Message("no-such-name.sec-nsec3.test", QueryType.A))).DistinctBy(r => r.Owner).ToList();

        var proof = Nsec3Proofs.NameError(DnsName.Parse("x.mx1.sec-nsec3.test"), records);

        Assert.Equal(DenialOutcome.Proven, proof.Outcome);
        Assert.Contains("closest encloser mx1.sec-nsec3.test", proof.Detail);
    }

    [Fact]
    public void Nsec3_nodata_holds_for_a_type_the_matching_record_lacks_and_fails_for_one_it_lists()
    {
        var name = DnsName.Parse("mx1.sec-nsec3.test");
        var records = Nsec3s(Capture.Message("mx1.sec-nsec3.test", QueryType.SOA));

        Assert.Equal(DenialOutcome.Proven, Nsec3Proofs.NoData(name, DnsRecordType.SOA, records).Outcome);
        Assert.Contains("says A exists", Nsec3Proofs.NoData(name, DnsRecordType.A, records).Detail);
    }

    [Fact]
    public void Nsec3_wildcard_expansion_needs_the_next_closer_name_covered()
    {
        var name = DnsName.Parse("mx1.sec-nsec3-wildcard.test");
        var message = Capture.Message("mx1.sec-nsec3-wildcard.test", QueryType.A);
        var records = Nsec3s(message);
        var labels = message.Answers.Where(r => r.Type == DnsRecordType.RRSIG).Select(r => Rrsig.Parse(r.Data).Value!).Single(s => s.TypeCovered == DnsRecordType.A).Labels;

        Assert.Equal(2, labels);
        Assert.Equal(DenialOutcome.Proven, Nsec3Proofs.WildcardExpansion(name, labels, records).Outcome);
        // An RRSIG claiming expansion from *.test would make the apex the next closer name: it exists, so nothing covers it.
        Assert.Equal(DenialOutcome.Failed, Nsec3Proofs.WildcardExpansion(name, 1, records).Outcome);
    }

    [Fact]
    public void Nsec3_nodata_at_a_wildcard_uses_the_nsec3_matching_the_wildcard()
    {
        var name = DnsName.Parse("mx1.sec-nsec3-wildcard.test");
        var records = Nsec3s(Capture.Message("mx1.sec-nsec3-wildcard.test", QueryType.TXT));

        var proof = Nsec3Proofs.NoData(name, DnsRecordType.TXT, records);

        Assert.Equal(DenialOutcome.Proven, proof.Outcome);
        Assert.Contains("wildcard *.sec-nsec3-wildcard.test", proof.Detail);
        Assert.Contains("says A exists", Nsec3Proofs.NoData(name, DnsRecordType.A, records).Detail);
    }

    [Fact]
    public void Nsec3_opt_out_makes_an_nxdomain_insecure_and_a_missing_ds_an_unsigned_delegation()
    {
        var nxdomain = Nsec3s(Capture.Message("deep.no-such-name.sec-optout.test", QueryType.A));
        var noDs = Nsec3s(Capture.Message("island.sec-optout.test", QueryType.DS));

        Assert.Equal(DenialOutcome.Insecure, Nsec3Proofs.NameError(DnsName.Parse("deep.no-such-name.sec-optout.test"), nxdomain).Outcome);
        var delegation = Nsec3Proofs.NoDs(DnsName.Parse("island.sec-optout.test"), noDs);
        Assert.Equal(DenialOutcome.InsecureDelegation, delegation.Outcome);
        Assert.Contains("opt-out", delegation.Detail);
    }

    [Fact]
    public void Nsec3_with_more_iterations_than_rfc_9276_allows_is_insecure()
    {
        var records = Nsec3s(Capture.Message("mx1.sec-nsec3.test", QueryType.SOA)).Select(r => r with { Iterations = Nsec3Proofs.MaxIterations + 1 }).ToList();

        var (usable, stop) = Nsec3Proofs.Usable(records);

        Assert.Empty(usable);
        Assert.Equal(DenialOutcome.Insecure, stop!.Outcome);
    }

    [Fact]
    public async Task A_dname_is_followed_from_its_signed_record_to_the_targets_proof()
    {
        var soa = await new CapturedValidator().Validator.QueryAsync("mx1.mail.sec-dname.test", QueryType.SOA, CancellationToken.None);
        var address = await new CapturedValidator().Validator.QueryAsync("mx1.mail.sec-dname.test", QueryType.A, CancellationToken.None);

        Assert.Contains(soa.Answer.Message!.Answers, r => r.Type == DnsRecordType.DNAME);
        Assert.Equal(DnssecStatus.Secure, soa.Status);
        Assert.Equal(DnssecStatus.Secure, address.Status);
    }

    [Fact]
    public async Task A_dname_whose_signature_was_altered_is_bogus_and_named()
    {
        var replay = new CapturedValidator();
        var signature = Signature(Capture.Message("mx1.mail.sec-dname.test", QueryType.A), DnsRecordType.DNAME);
        replay.Dns.Alter = (name, type, wire) => name == "mx1.mail.sec-dname.test." ? ReplayResolver.FlipBitIn(wire, signature) : wire;

        var validated = await replay.Validator.QueryAsync("mx1.mail.sec-dname.test", QueryType.A, CancellationToken.None);

        Assert.Equal(DnssecStatus.Bogus, validated.Status);
        Assert.StartsWith("DNSSECBogus: zone sec-dname.test, RRset mail.sec-dname.test/DNAME", validated.Reason);
    }

    [Fact]
    public async Task An_nsec3_denial_whose_signature_was_altered_is_bogus()
    {
        var replay = new CapturedValidator();
        var signature = Signature(Capture.Message("mx1.sec-nsec3.test", QueryType.SOA), DnsRecordType.NSEC3);
        replay.Dns.Alter = (name, type, wire) => name == "mx1.sec-nsec3.test." ? ReplayResolver.FlipBitIn(wire, signature) : wire;

        var validated = await replay.Validator.QueryAsync("mx1.sec-nsec3.test", QueryType.SOA, CancellationToken.None);

        Assert.Equal(DnssecStatus.Bogus, validated.Status);
        Assert.Contains("/NSEC3: the RRSIG by key", validated.Reason);
    }

    internal static byte[] Signature(DnsMessage message, ushort covered) =>
        message.Answers.Concat(message.Authorities).Where(r => r.Type == DnsRecordType.RRSIG)
            .Select(r => Rrsig.Parse(r.Data).Value!).First(s => s.TypeCovered == covered).Signature;

    private static List<Nsec> Nsecs(DnsMessage message) =>
        [.. message.Authorities.Where(r => r.Type == DnsRecordType.NSEC).Select(r => Nsec.Parse(r.Owner, r.Data).Value!)];

    private static List<Nsec3> Nsec3s(DnsMessage message) =>
        [.. message.Authorities.Where(r => r.Type == DnsRecordType.NSEC3).Select(r => Nsec3.Parse(r.Owner, r.Data).Value!)];
}
