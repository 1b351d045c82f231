using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>
/// Where and why a chain of trust breaks (or, for insecure answers, where it ends): the RFC 8914
/// error, the zone, the RRset, and a line for people.
/// </summary>
public sealed record DnssecFailure(ExtendedDnsError Error, string Zone, string RRset, string Detail)
{
    public static DnssecFailure Of(ExtendedDnsError error, DnsName zone, DnsName owner, ushort type, string detail) =>
        new(error, zone.Display, $"{owner.Display}/{DnsRecordType.Name(type)}", detail);

    /// <summary>"SignatureExpired: zone x.test, RRset x.test/SOA: ..." — the operator's words first, then ours.</summary>
    public override string ToString() => $"{Error}: zone {Zone}, RRset {RRset}: {Detail}";
}
