using System.Net;
using MailScan.Rpki;

namespace MailScan.Rpki.Tests;

public sealed class Pfx2AsParserTests
{
    [Fact]
    public void Routeviews_lines_with_multi_origin_and_as_sets_are_read()
    {
        var parsed = Pfx2AsParser.Parse("1.0.0.0\t24\t13335\n# comment\n\n2001:db8::\t32\t64496_64497\n192.0.2.0 24 64500_64501,64502\n");
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        var routes = parsed.Value!;
        Assert.Equal(3, routes.Count);
        Assert.Equal("1.0.0.0/24", routes[0].Prefix.ToString());
        Assert.Equal(["AS13335"], routes[0].Origins.Select(o => o.ToString()));
        Assert.Equal(["AS64496", "AS64497"], routes[1].Origins.Select(o => o.ToString()));
        Assert.Equal(["AS64500", "{AS64501,AS64502}"], routes[2].Origins.Select(o => o.ToString()));
        Assert.Null(routes[2].Origins[1].Asn);
    }

    [Theory]
    [InlineData("1.0.0.0\t24\n", "line 1", "3 fields")]
    [InlineData("1.0.0.0\t24\t1\n1.0.0.1\t24\t1\n", "line 2", "host bits")]
    [InlineData("1.0.0.0\t33\t1\n", "line 1", "prefix length")]
    [InlineData("1.0.0.0\t24\tAS1\n", "line 1", "not an AS number")]
    [InlineData("1.0.0.0\t24\t1,x\n", "line 1", "AS set")]
    [InlineData("1.0.0.0\t24\t1__2\n", "line 1", "not an AS number")]
    [InlineData("1.0.0.0\t24\t4294967296\n", "line 1", "not an AS number")]
    [InlineData("x\t24\t1\n", "line 1", "not an IP address")]
    public void Bad_lines_give_their_number_and_reason(string text, string position, string reason)
    {
        var parsed = Pfx2AsParser.Parse(text);
        Assert.False(parsed.IsValid);
        Assert.Equal(position, parsed.Error!.Position);
        Assert.Contains(reason, parsed.Error.Reason);
    }

    [Fact]
    public void The_table_answers_with_the_most_specific_route_holding_an_address()
    {
        var parsed = Pfx2AsParser.Parse("192.0.0.0\t16\t64496\n192.0.2.0\t24\t64497\n192.0.2.0\t24\t64498\n2001:db8::\t32\t64499\n");
        var table = RouteOriginTable.Create("test", parsed.Value!);
        Assert.Equal(3, table.Count);
        var route = table.Find(IPAddress.Parse("192.0.2.9"))!;
        Assert.Equal("192.0.2.0/24", route.Prefix.ToString());
        Assert.Equal(["AS64497", "AS64498"], route.Origins.Select(o => o.ToString()));
        Assert.Equal("192.0.0.0/16", table.Find(IPAddress.Parse("192.0.3.1"))!.Prefix.ToString());
        Assert.Equal("2001:db8::/32", table.Find(IPAddress.Parse("2001:db8:ffff::1"))!.Prefix.ToString());
        Assert.Null(table.Find(IPAddress.Parse("198.51.100.1")));
        Assert.Null(table.Find(IPAddress.Parse("2001:db9::1")));
    }
}
