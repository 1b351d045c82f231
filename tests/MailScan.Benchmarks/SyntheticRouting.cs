using System.Globalization;
using System.Text;
using MailScan.Checks.Rpki;
using MailScan.Rpki;

namespace MailScan.Benchmarks;

/// <summary>
/// A synthetic global routing table and RPKI of realistic shape (seeded, so every run makes the
/// same): ~80 % IPv4 routes, mostly /24, /22 and /23, few aggregates of /16 and shorter; IPv6 mostly /48 and /32;
/// origins from ~75k ASes skewed like the real table; 1 % multi-origin; VRPs for most routes,
/// usually exact, sometimes with a longer maxLength, a few naming another AS (invalid), some
/// covering aggregates, and ROAs (some for AS 0) for space nobody announces.
/// </summary>
public sealed class SyntheticRouting
{
    private static readonly (int Length, double Weight)[] Ipv4Lengths =
        [(24, 0.60), (23, 0.10), (22, 0.13), (21, 0.05), (20, 0.05), (19, 0.03), (18, 0.015), (17, 0.01), (16, 0.0095), (12, 0.0005)];
    private static readonly (int Length, double Weight)[] Ipv6Lengths =
        [(48, 0.50), (32, 0.15), (44, 0.08), (40, 0.08), (36, 0.05), (29, 0.04), (46, 0.05), (47, 0.05)];

    public SyntheticRouting(int routes, int vrps, int seed = 6811)
    {
        var random = new Random(seed);
        var seen = new HashSet<IpPrefix>();
        var list = new List<AnnouncedRoute>(routes);
        while (list.Count < routes)
        {
            var ipv6 = random.NextDouble() < 0.2;
            var prefix = RandomPrefix(random, ipv6, Pick(random, ipv6 ? Ipv6Lengths : Ipv4Lengths));
            if (!seen.Add(prefix))
                continue;
            var origin = Origin(random);
            list.Add(new AnnouncedRoute(prefix, random.NextDouble() < 0.01 ? [RouteOrigin.Of(origin), RouteOrigin.Of(Origin(random))] : [RouteOrigin.Of(origin)]));
        }
        Routes = list;
        Vrps = MakeVrps(random, list, vrps);
    }

    public IReadOnlyList<AnnouncedRoute> Routes { get; }

    public IReadOnlyList<Vrp> Vrps { get; }

    private static List<Vrp> MakeVrps(Random random, List<AnnouncedRoute> routes, int count)
    {
        var vrps = new HashSet<Vrp>();
        foreach (var route in routes.OrderBy(_ => random.Next()))
        {
            if (vrps.Count >= count * 0.94)
                break;
            var prefix = route.Prefix;
            var roll = random.NextDouble();
            var asn = roll < 0.04 ? Origin(random) : route.Origins[0].Asn!.Value;
            var maxLength = roll is > 0.8 and < 0.9 ? Math.Min(prefix.Width, prefix.Length + random.Next(1, 4)) : prefix.Length;
            if (roll > 0.97 && prefix.Length > 12)
                prefix = IpPrefix.FromBits(prefix.IsIpv6, prefix.Bits, prefix.Length - random.Next(1, 4));
            vrps.Add(new Vrp(prefix, (byte)Math.Max(maxLength, prefix.Length), asn));
        }
        // The rest: ROAs for space nobody announces (as in the real RPKI), some for AS 0.
        while (vrps.Count < count)
        {
            var ipv6 = random.NextDouble() < 0.25;
            var prefix = RandomPrefix(random, ipv6, ipv6 ? 48 : 24);
            vrps.Add(new Vrp(prefix, prefix.Length, random.NextDouble() < 0.1 ? 0 : Origin(random)));
        }
        return [.. vrps];
    }

    /// <summary>Writes the VRPs as an rpki-client style JSON export.</summary>
    public void WriteVrpJson(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("{\"metadata\":{\"buildtime\":\"2026-01-01T00:00:00Z\",\"roas\":");
        writer.Write(Vrps.Count.ToString(CultureInfo.InvariantCulture));
        writer.Write("},\"roas\":[");
        for (var i = 0; i < Vrps.Count; i++)
        {
            var vrp = Vrps[i];
            writer.Write(i == 0 ? "\n" : ",\n");
            writer.Write($"{{\"asn\":{vrp.Asn},\"prefix\":\"{vrp.Prefix}\",\"maxLength\":{vrp.MaxLength},\"ta\":\"synthetic\",\"expires\":1900000000}}");
        }
        writer.Write("\n]}\n");
    }

    /// <summary>Writes the routes in the pfx2as format.</summary>
    public void WritePfx2As(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        foreach (var route in Routes)
            writer.Write($"{route.Prefix.Address}\t{route.Prefix.Length}\t{string.Join("_", route.Origins.Select(o => o.Asn))}\n");
    }

    private static int Pick(Random random, (int Length, double Weight)[] lengths)
    {
        var roll = random.NextDouble();
        foreach (var (length, weight) in lengths)
        {
            if ((roll -= weight) < 0)
                return length;
        }
        return lengths[0].Length;
    }

    // IPv4 unicast 1.0.0.0-223.255.255.255, IPv6 global unicast 2000::/3.
    private static IpPrefix RandomPrefix(Random random, bool ipv6, int length) => ipv6
        ? IpPrefix.FromBits(true, new UInt128(0x2000_0000_0000_0000UL | ((ulong)random.NextInt64() & 0x1FFF_FFFF_FFFF_FFFFUL), 0), length)
        : IpPrefix.FromBits(false, (uint)random.NextInt64(0x0100_0000, 0xE000_0000), length);

    // Few ASes originate much of the table: a power law over 75k ASes.
    private static uint Origin(Random random) => (uint)(1 + 75_000 * Math.Pow(random.NextDouble(), 3));
}
