using MailScan.Rpki;
using MailScan.Tests.Shared;

namespace MailScan.Rpki.Tests;

/// <summary>The serialised VRP set a cluster shares: what goes in comes out, and bad bytes are an error value.</summary>
public sealed class VrpSetCodecTests
{
    private static readonly VrpSetInfo Info = new("/var/lib/rpki/vrps.json", "3f2a9c0d11e4b7a8", DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123),
        DateTimeOffset.FromUnixTimeSeconds(1_789_999_000));

    private static readonly Vrp[] Mixed =
    [
        new(IpPrefix.Parse("192.0.2.0/24"), 24, 64500),
        new(IpPrefix.Parse("198.51.100.0/22"), 24, 64501),
        new(IpPrefix.Parse("198.51.100.0/22"), 22, 0),
        new(IpPrefix.Parse("0.0.0.0/0"), 32, 4_294_967_295),
        new(IpPrefix.Parse("203.0.113.7/32"), 32, 64502),
        new(IpPrefix.Parse("2001:db8::/32"), 48, 64500),
        new(IpPrefix.Parse("2001:db8:1234:5600::/56"), 64, 0),
        new(IpPrefix.Parse("2001:db8::1/128"), 128, 65551),
        new(IpPrefix.Parse("::/0"), 0, 1),
        new(IpPrefix.Parse("2001:db8:8000::/33"), 40, 64503),
    ];

    [Fact]
    public void A_set_with_ipv4_ipv6_as0_and_maxlengths_comes_back_equal()
    {
        var set = VrpSet.Create(Info, Mixed);

        var decoded = VrpSetCodec.Decode(VrpSetCodec.Encode(set));

        Assert.True(decoded.IsValid, decoded.Error?.ToString());
        Assert.Equal(set.All(), decoded.Value!.All());
        Assert.Equal(Info, decoded.Value.Info);
        Assert.Equal(set.Ipv4Count, decoded.Value.Ipv4Count);
        Assert.Equal(RouteOriginValidity.Valid, decoded.Value.StateOf(IpPrefix.Parse("198.51.101.0/24"), 64501));
        Assert.Equal(RouteOriginValidity.Invalid, decoded.Value.StateOf(IpPrefix.Parse("2001:db8:1234:5600::/56"), 64999));
    }

    [Fact]
    public void An_empty_set_comes_back_empty()
    {
        var decoded = VrpSetCodec.Decode(VrpSetCodec.Encode(VrpSet.Empty(Info)));

        Assert.True(decoded.IsValid, decoded.Error?.ToString());
        Assert.Equal(0, decoded.Value!.Count);
        Assert.Equal(Info, decoded.Value.Info);
    }

    [Fact]
    public void Rtr_session_and_serial_and_a_missing_generation_time_survive()
    {
        var info = new VrpSetInfo("rtr://192.0.2.1:8282", "session 7 serial 4294967295", Info.LoadedAt) { RtrSession = 65535, RtrSerial = uint.MaxValue };

        var decoded = VrpSetCodec.Decode(VrpSetCodec.Encode(VrpSet.Create(info, Mixed[..2])));

        Assert.True(decoded.IsValid, decoded.Error?.ToString());
        Assert.Equal(info, decoded.Value!.Info);
        Assert.Equal((65535, uint.MaxValue), (decoded.Value.Info.RtrSession!.Value, decoded.Value.Info.RtrSerial!.Value));
        Assert.Null(decoded.Value.Info.GeneratedAt);
    }

    [Fact]
    public void Each_vrp_takes_only_the_address_bytes_its_length_needs()
    {
        var one24 = VrpSetCodec.Encode(VrpSet.Create(Info, [Mixed[0]]));
        var one48 = VrpSetCodec.Encode(VrpSet.Create(Info, [new Vrp(IpPrefix.Parse("2001:db8:1::/48"), 48, 64500)]));
        var none = VrpSetCodec.Encode(VrpSet.Empty(Info));

        Assert.Equal(6 + 3, one24.Length - none.Length);
        Assert.Equal(6 + 6, one48.Length - none.Length);
    }

    [Fact]
    public void Records_out_of_index_order_still_make_the_same_set()
    {
        var set = VrpSet.Create(Info, [Mixed[0], new Vrp(IpPrefix.Parse("203.0.113.0/24"), 24, 64509)]);
        var bytes = VrpSetCodec.Encode(set);
        var (first, second) = (bytes[^18..^9], bytes[^9..]);
        second.CopyTo(bytes, bytes.Length - 18);
        first.CopyTo(bytes, bytes.Length - 9);

        var decoded = VrpSetCodec.Decode(bytes);

        Assert.True(decoded.IsValid, decoded.Error?.ToString());
        Assert.Equal(set.All(), decoded.Value!.All());
    }

    [Fact]
    public void Every_truncation_is_an_error_value()
    {
        var bytes = VrpSetCodec.Encode(VrpSet.Create(Info with { RtrSession = 1, RtrSerial = 2 }, Mixed));

        for (var length = 0; length < bytes.Length; length++)
        {
            var decoded = VrpSetCodec.Decode(bytes.AsSpan(0, length));
            Assert.False(decoded.IsValid, $"{length} of {bytes.Length} bytes were accepted");
            Assert.StartsWith("byte ", decoded.Error!.Position);
        }
    }

    [Theory]
    [InlineData("a wrong header", 0, (byte)'X', "MSVRP")]
    [InlineData("an unknown format", 5, (byte)9, "format 9")]
    public void A_wrong_header_is_named(string what, int offset, byte value, string reason)
    {
        var bytes = VrpSetCodec.Encode(VrpSet.Create(Info, Mixed));
        bytes[offset] = value;

        var decoded = VrpSetCodec.Decode(bytes);

        Assert.False(decoded.IsValid, what);
        Assert.Contains(reason, decoded.Error!.Reason);
    }

    [Fact]
    public void A_maxlength_beyond_the_family_width_is_refused()
    {
        var bytes = VrpSetCodec.Encode(VrpSet.Create(Info, [Mixed[0]]));
        bytes[bytes.Length - (6 + 3) + 1] = 33;

        var decoded = VrpSetCodec.Decode(bytes);

        Assert.False(decoded.IsValid);
        Assert.Contains("VRP 0", decoded.Error!.Reason);
        Assert.Contains("maxLength 33", decoded.Error.Reason);
    }

    [Fact]
    public void Host_bits_beyond_the_prefix_length_are_refused()
    {
        var bytes = VrpSetCodec.Encode(VrpSet.Create(Info, [new Vrp(IpPrefix.Parse("198.51.100.0/22"), 24, 64501)]));
        bytes[^1] = 0x01;

        var decoded = VrpSetCodec.Decode(bytes);

        Assert.False(decoded.IsValid);
        Assert.Contains("bits set beyond /22", decoded.Error!.Reason);
    }

    [Fact]
    public void Trailing_bytes_and_an_impossible_count_are_refused()
    {
        var bytes = VrpSetCodec.Encode(VrpSet.Create(Info, Mixed));

        var trailing = VrpSetCodec.Decode([.. bytes, 0]);
        var empty = VrpSetCodec.Encode(VrpSet.Empty(Info));
        empty[^1] = 200;
        var counted = VrpSetCodec.Decode(empty);

        Assert.Contains("1 bytes follow", trailing.Error!.Reason);
        Assert.Contains("200 VRPs cannot fit", counted.Error!.Reason);
    }

    [Fact]
    public void Random_and_mutated_bytes_never_throw_and_what_is_accepted_is_well_formed()
    {
        var random = new Random(6811);
        var valid = VrpSetCodec.Encode(VrpSet.Create(Info, Mixed));
        for (var i = 0; i < FuzzBudget.Inputs / 10; i++)
        {
            var input = (byte[])valid.Clone();
            if (i % 2 == 0)
            {
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                    input[random.Next(input.Length)] = (byte)random.Next(256);
            }
            else
            {
                input = new byte[random.Next(0, 80)];
                random.NextBytes(input);
                "MSVRP\u0001"u8.ToArray().AsSpan(0, Math.Min(6, input.Length)).CopyTo(input);
            }
            var decoded = VrpSetCodec.Decode(input);
            if (decoded.IsValid)
                Assert.All(decoded.Value!.All(), v => Assert.True(v.IsWellFormed));
            else
                Assert.False(string.IsNullOrEmpty(decoded.Error!.Reason));
        }
    }
}
