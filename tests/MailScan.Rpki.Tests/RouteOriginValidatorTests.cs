using MailScan.Rpki;

namespace MailScan.Rpki.Tests;

/// <summary>RFC 6811 §2 on small VRP sets: the definitions, the maxLength rule, AS 0, several VRPs, IPv6.</summary>
public sealed class RouteOriginValidatorTests
{
    private static readonly VrpSetInfo Info = new("test", "1", DateTimeOffset.UnixEpoch);

    private static VrpSet Set(params string[] vrps) => VrpSet.Create(Info, vrps.Select(ParseVrp));

    // "PREFIX-MAXLEN ASN", e.g. "192.0.2.0/24-24 64496"
    private static Vrp ParseVrp(string text)
    {
        var parts = text.Split(' ');
        var dash = parts[0].LastIndexOf('-');
        return new Vrp(IpPrefix.Parse(parts[0][..dash]), byte.Parse(parts[0][(dash + 1)..]), uint.Parse(parts[1]));
    }

    private static RouteValidation Validate(VrpSet set, string route, uint origin) => set.Validate(IpPrefix.Parse(route), RouteOrigin.Of(origin));

    [Fact]
    public void A_route_matching_prefix_length_and_origin_is_valid()
    {
        var result = Validate(Set("192.0.2.0/24-24 64496"), "192.0.2.0/24", 64496);
        Assert.Equal(RouteOriginValidity.Valid, result.State);
        Assert.Equal("192.0.2.0/24-24 AS64496", Assert.Single(result.Matched).ToString());
        Assert.Empty(result.Unmatched);
    }

    [Fact]
    public void A_more_specific_route_within_max_length_is_valid()
    {
        var result = Validate(Set("192.0.2.0/23-24 64496"), "192.0.3.0/24", 64496);
        Assert.Equal(RouteOriginValidity.Valid, result.State);
    }

    [Fact]
    public void A_route_more_specific_than_max_length_is_invalid_for_length()
    {
        var result = Validate(Set("192.0.2.0/23-23 64496"), "192.0.2.0/24", 64496);
        Assert.Equal(RouteOriginValidity.Invalid, result.State);
        Assert.Equal(InvalidityReason.Length, result.Reason);
        Assert.Single(result.Unmatched);
    }

    [Fact]
    public void A_covered_route_from_another_origin_is_invalid_for_the_as()
    {
        var result = Validate(Set("192.0.2.0/24-24 64496"), "192.0.2.0/24", 64511);
        Assert.Equal(RouteOriginValidity.Invalid, result.State);
        Assert.Equal(InvalidityReason.As, result.Reason);
    }

    [Fact]
    public void A_vrp_more_specific_than_the_route_does_not_cover_it()
    {
        var result = Validate(Set("192.0.2.0/24-24 64496"), "192.0.0.0/16", 64511);
        Assert.Equal(RouteOriginValidity.NotFound, result.State);
        Assert.Empty(result.Unmatched);
    }

    [Fact]
    public void A_route_no_vrp_covers_is_not_found()
    {
        Assert.Equal(RouteOriginValidity.NotFound, Validate(Set("198.51.100.0/24-24 64496"), "192.0.2.0/24", 64496).State);
        Assert.Equal(RouteOriginValidity.NotFound, Validate(Set(), "192.0.2.0/24", 64496).State);
    }

    [Fact]
    public void An_as0_vrp_makes_a_covered_route_invalid_and_never_matches()
    {
        var set = Set("192.0.2.0/24-32 0");
        Assert.Equal(RouteOriginValidity.Invalid, Validate(set, "192.0.2.0/24", 64496).State);
        Assert.Equal(RouteOriginValidity.Invalid, Validate(set, "192.0.2.0/25", 0).State);
        Assert.Equal(RouteOriginValidity.Invalid, set.StateOf(IpPrefix.Parse("192.0.2.0/24"), 0));
    }

    [Fact]
    public void One_matching_vrp_among_several_makes_the_route_valid_and_lists_the_others()
    {
        var set = Set("192.0.2.0/24-24 64511", "192.0.0.0/16-24 64496", "192.0.2.0/24-24 0");
        var result = Validate(set, "192.0.2.0/24", 64496);
        Assert.Equal(RouteOriginValidity.Valid, result.State);
        Assert.Equal(["192.0.0.0/16-24 AS64496"], result.Matched.Select(v => v.ToString()));
        Assert.Equal(2, result.Unmatched.Count);
    }

    [Fact]
    public void Length_is_the_reason_only_when_a_vrp_names_the_origin()
    {
        var set = Set("192.0.2.0/24-24 64511", "192.0.0.0/16-16 64496");
        var result = Validate(set, "192.0.2.0/24", 64496);
        Assert.Equal(InvalidityReason.Length, result.Reason);
        Assert.Equal(InvalidityReason.As, Validate(set, "192.0.2.0/24", 64500).Reason);
    }

    [Fact]
    public void Ipv6_routes_validate_the_same_way()
    {
        var set = Set("2001:db8::/32-48 64496");
        Assert.Equal(RouteOriginValidity.Valid, Validate(set, "2001:db8:1::/48", 64496).State);
        Assert.Equal(InvalidityReason.Length, Validate(set, "2001:db8:1:1::/64", 64496).Reason);
        Assert.Equal(InvalidityReason.As, Validate(set, "2001:db8::/32", 64511).Reason);
        Assert.Equal(RouteOriginValidity.NotFound, Validate(set, "2001:db9::/32", 64496).State);
    }

    [Fact]
    public void The_families_do_not_cover_each_other()
    {
        var set = Set("0.0.0.0/0-32 64496");
        Assert.Equal(RouteOriginValidity.NotFound, Validate(set, "::/0", 64496).State);
        Assert.Equal(RouteOriginValidity.Valid, Validate(set, "203.0.113.0/24", 64496).State);
        Assert.Equal(RouteOriginValidity.NotFound, Validate(Set("::/0-128 64496"), "203.0.113.0/24", 64496).State);
    }

    [Fact]
    public void An_as_set_origin_matches_no_vrp()
    {
        var set = Set("192.0.2.0/24-24 64496");
        var aggregated = RouteOrigin.Set([64496, 64511]);
        Assert.Equal(RouteOriginValidity.Invalid, set.Validate(IpPrefix.Parse("192.0.2.0/24"), aggregated).State);
        Assert.Equal(RouteOriginValidity.NotFound, set.Validate(IpPrefix.Parse("198.51.100.0/24"), aggregated).State);
    }

    [Fact]
    public void Duplicate_vrps_collapse()
    {
        Assert.Equal(1, Set("192.0.2.0/24-24 64496", "192.0.2.0/24-24 64496").Count);
    }

    [Fact]
    public void The_index_finds_exactly_the_vrps_a_linear_scan_finds()
    {
        var random = new Random(6811);
        var vrps = Enumerable.Range(0, 1500).Select(_ => RandomVrp(random)).ToList();
        var set = VrpSet.Create(Info, vrps);
        var distinct = vrps.Distinct().ToList();
        for (var i = 0; i < 2000; i++)
        {
            var route = RandomVrp(random).Prefix;
            var origin = (uint)random.Next(1, 6);
            var expected = distinct.Where(v => v.Prefix.Covers(route)).ToHashSet();
            Assert.Equal(expected, set.Covering(route).ToHashSet());
            var slow = RouteOriginValidator.Validate(route, RouteOrigin.Of(origin), distinct);
            Assert.Equal(slow.State, set.StateOf(route, origin));
            Assert.Equal(slow.State, set.Validate(route, RouteOrigin.Of(origin)).State);
        }
    }

    // Prefixes drawn from a small space so that covering relations are frequent, with lengths on
    // both sides of the index's block size (16 bits for IPv4, 32 for IPv6).
    private static Vrp RandomVrp(Random random)
    {
        var ipv6 = random.Next(4) == 0;
        var width = ipv6 ? 128 : 32;
        var length = random.Next(0, ipv6 ? 48 : 30);
        var spread = (uint)random.Next(4);
        var bits = ipv6
            ? ((UInt128)((ulong)random.Next(8) << 61) << 64) | ((UInt128)spread << 94)
            : ((UInt128)((uint)random.Next(8) << 29)) | ((UInt128)spread << 12);
        var prefix = IpPrefix.FromBits(ipv6, bits, length);
        return new Vrp(prefix, (byte)random.Next(length, Math.Min(width, length + 8) + 1), (uint)random.Next(0, 6));
    }
}
