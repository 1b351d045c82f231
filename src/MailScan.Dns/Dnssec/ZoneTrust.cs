using MailScan.Dns;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>
/// What the chain of trust says about the deepest zone at or above a name: its trusted keys when
/// secure (parsed, their public keys imported once and kept with them), else where and why the
/// chain ends; valid until <see cref="ExpiresUnix"/>. Kept in this process only (see LocalCache).
/// </summary>
public sealed record ZoneTrust(DnsName Zone, DnssecStatus Status, IReadOnlyList<Dnskey> Keys, DnssecFailure? Failure, long ExpiresUnix)
{
    public static ZoneTrust Secure(DnsName zone, IEnumerable<Dnskey> keys, long expires) =>
        new(zone, DnssecStatus.Secure, [.. keys], null, expires);

    public static ZoneTrust Insecure(DnsName zone, DnssecFailure why, long expires) =>
        new(zone, DnssecStatus.Insecure, [], why, expires);

    public static ZoneTrust Bogus(DnsName zone, DnssecFailure why, long expires) =>
        new(zone, DnssecStatus.Bogus, [], why, expires);

    public static ZoneTrust Indeterminate(DnsName zone, DnssecFailure why) =>
        new(zone, DnssecStatus.Indeterminate, [], why, 0);
}
