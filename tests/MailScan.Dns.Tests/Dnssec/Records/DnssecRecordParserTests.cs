using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Tests.Dnssec.Records;

/// <summary>The DNSSEC record parsers name what is wrong with hostile RDATA instead of returning nothing.</summary>
public sealed class DnssecRecordParserTests
{
    private static readonly DnsName Zone = DnsName.Parse("example.test");

    // An NSEC3 owner whose first label is the base32hex form of a 20-octet hash.
    private static readonly DnsName HashedOwner = DnsName.Parse(Base32Hex.Encode(new byte[20]) + ".example.test");

    [Fact]
    public void A_DS_shorter_than_its_fixed_fields_is_too_short()
    {
        var (ds, error) = DelegationSigner.Parse([0x12, 0x34, 13, 2]);
        Assert.Null(ds);
        Assert.Equal(new DnssecRecordError(DnsRecordType.DS, DnssecRecordFault.TooShort, 4), error);
    }

    [Fact]
    public void A_DS_with_its_fields_is_read()
    {
        var ds = DelegationSigner.Parse([0x12, 0x34, 13, 2, 0xAB]).Value!;
        Assert.Equal((0x1234, 13, 2), (ds.KeyTag, ds.Algorithm, ds.DigestType));
        Assert.Equal([0xAB], ds.Digest);
    }

    [Fact]
    public void A_DNSKEY_without_a_key_is_too_short()
    {
        var parsed = Dnskey.Parse([1, 1, 3, 13]);
        Assert.False(parsed.IsValid);
        Assert.Equal(DnssecRecordFault.TooShort, parsed.Error.Fault);
        Assert.Equal(DnsRecordType.DNSKEY, parsed.Error.Type);
    }

    [Fact]
    public void An_RRSIG_that_ends_before_its_signer_is_too_short()
    {
        var parsed = Rrsig.Parse(new byte[18]);
        Assert.Equal(new DnssecRecordError(DnsRecordType.RRSIG, DnssecRecordFault.TooShort, 18), parsed.Error);
    }

    [Fact]
    public void An_RRSIG_whose_signer_is_garbage_names_the_signer()
    {
        // A compression pointer inside RDATA points nowhere the reader may follow.
        var data = new byte[18].Concat(new byte[] { 0xC0, 0x40, 1, 2, 3 }).ToArray();
        var parsed = Rrsig.Parse(data);
        Assert.Equal(DnssecRecordFault.MalformedName, parsed.Error!.Fault);
    }

    [Fact]
    public void An_NSEC_whose_next_name_runs_past_the_rdata_is_a_malformed_name()
    {
        var parsed = Nsec.Parse(Zone, [7, (byte)'e', (byte)'x']);
        Assert.Equal(DnssecRecordFault.MalformedName, parsed.Error!.Fault);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 }, 1)] // an empty block
    [InlineData(new byte[] { 0, 33 }, 1)] // a block longer than 32 octets
    [InlineData(new byte[] { 0, 4, 0x40 }, 1)] // a block cut short
    [InlineData(new byte[] { 1, 1, 0x40, 0, 1, 0x40 }, 4)] // windows out of order
    [InlineData(new byte[] { 0 }, 1)] // a window without its length
    public void An_NSEC_type_bitmap_out_of_range_is_reported_where_it_breaks(byte[] bitmap, int offset)
    {
        byte[] rdata = [0, .. bitmap];
        var parsed = Nsec.Parse(Zone, rdata);
        Assert.Equal(new DnssecRecordError(DnsRecordType.NSEC, DnssecRecordFault.MalformedTypeBitmap, offset), parsed.Error);
    }

    [Fact]
    public void An_NSEC_with_a_next_name_and_types_is_read()
    {
        // next owner ".", window 0 with A (1) and NS (2) set.
        var nsec = Nsec.Parse(Zone, [0, 0, 1, 0x60]).Value!;
        Assert.True(nsec.Types.Has(DnsRecordType.A));
        Assert.True(nsec.Types.Has(DnsRecordType.NS));
        Assert.Equal(DnsName.Root, nsec.Next);
    }

    [Fact]
    public void An_NSEC3_shorter_than_its_parameters_is_too_short()
    {
        Assert.Equal(DnssecRecordFault.TooShort, Nsec3.Parse(HashedOwner, [1, 0, 0, 0, 0]).Error!.Fault);
    }

    [Fact]
    public void An_NSEC3_salt_longer_than_the_rdata_overruns()
    {
        Assert.Equal(new DnssecRecordError(DnsRecordType.NSEC3, DnssecRecordFault.LengthOverrun, 4),
            Nsec3.Parse(HashedOwner, [1, 0, 0, 0, 200, 1]).Error);
    }

    [Fact]
    public void An_NSEC3_with_an_empty_next_hash_is_reported()
    {
        Assert.Equal(DnssecRecordFault.EmptyHash, Nsec3.Parse(HashedOwner, [1, 0, 0, 0, 0, 0]).Error!.Fault);
    }

    [Fact]
    public void An_NSEC3_hash_longer_than_the_rdata_overruns()
    {
        Assert.Equal(DnssecRecordFault.LengthOverrun, Nsec3.Parse(HashedOwner, [1, 0, 0, 0, 0, 20, 1, 2]).Error!.Fault);
    }

    [Fact]
    public void An_NSEC3_owner_that_is_not_base32hex_is_not_hashed()
    {
        Assert.Equal(DnssecRecordFault.OwnerNotHashed, Nsec3.Parse(DnsName.Parse("www.example.test"), Nsec3Rdata(20)).Error!.Fault);
        Assert.Equal(DnssecRecordFault.OwnerNotHashed, Nsec3.Parse(DnsName.Root, Nsec3Rdata(20)).Error!.Fault);
    }

    [Fact]
    public void An_NSEC3_whose_owner_hash_differs_in_length_from_the_next_hash_is_reported()
    {
        Assert.Equal(DnssecRecordFault.HashLengthMismatch, Nsec3.Parse(HashedOwner, Nsec3Rdata(16)).Error!.Fault);
    }

    [Fact]
    public void A_well_formed_NSEC3_is_read()
    {
        var nsec3 = Nsec3.Parse(HashedOwner, Nsec3Rdata(20)).Value!;
        Assert.Equal(Zone, nsec3.Zone);
        Assert.Equal(20, nsec3.NextHash.Length);
        Assert.True(nsec3.Types.Has(DnsRecordType.A));
    }

    [Fact]
    public void Random_rdata_never_throws()
    {
        var random = new Random(14);
        for (var i = 0; i < 2000; i++)
        {
            var data = new byte[random.Next(0, 48)];
            random.NextBytes(data);
            _ = DelegationSigner.Parse(data);
            _ = Dnskey.Parse(data);
            _ = Rrsig.Parse(data);
            _ = Nsec.Parse(Zone, data);
            _ = Nsec3.Parse(HashedOwner, data);
        }
    }

    /// <summary>SHA-1, no flags, no iterations, no salt, a next hash of <paramref name="hashLength"/> octets, type A.</summary>
    private static byte[] Nsec3Rdata(int hashLength) =>
        [1, 0, 0, 0, 0, (byte)hashLength, .. new byte[hashLength], 0, 1, 0x40];
}
