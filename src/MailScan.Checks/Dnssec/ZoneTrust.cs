using System.Text.Json.Serialization;
using MailScan.Checks.Dns.Wire;
using MailScan.Checks.Dnssec.Records;

namespace MailScan.Checks.Dnssec;

/// <summary>
/// What the chain of trust says about the deepest zone at or above a name: its trusted keys when
/// secure, else where and why the chain ends. Serialisable, so the cache's second level can share it.
/// </summary>
public sealed record ZoneTrust(string Zone, DnssecStatus Status, IReadOnlyList<byte[]> Keys, DnssecFailure? Failure, long ExpiresUnix)
{
    [JsonIgnore]
    public DnsName ZoneName => DnsName.Parse(Zone);

    /// <summary>The trusted DNSKEYs.</summary>
    public IReadOnlyList<Dnskey> ParsedKeys() => [.. Keys.Select(Dnskey.Parse).OfType<Dnskey>()];

    public static ZoneTrust Secure(DnsName zone, IEnumerable<Dnskey> keys, long expires) =>
        new(zone.ToString(), DnssecStatus.Secure, [.. keys.Select(k => k.Rdata)], null, expires);

    public static ZoneTrust Insecure(DnsName zone, DnssecFailure why, long expires) =>
        new(zone.ToString(), DnssecStatus.Insecure, [], why, expires);

    public static ZoneTrust Bogus(DnsName zone, DnssecFailure why, long expires) =>
        new(zone.ToString(), DnssecStatus.Bogus, [], why, expires);

    public static ZoneTrust Indeterminate(DnsName zone, DnssecFailure why) =>
        new(zone.ToString(), DnssecStatus.Indeterminate, [], why, 0);
}
