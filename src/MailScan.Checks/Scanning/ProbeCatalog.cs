using MailScan.Checks.Auth;
using MailScan.Checks.Auth.MtaSts;
using MailScan.Checks.Discovery;
using MailScan.Checks.Dnssec;
using MailScan.Checks.Ipv6.NameServers;
using MailScan.Checks.Rpki;
using MailScan.Checks.Smtp;
using MailScan.Checks.StartTls;
using MailScan.Checks.StartTls.Caa;
using MailScan.Checks.StartTls.Dane;

namespace MailScan.Checks.Scanning;

/// <summary>
/// The one registration of every probe: its class and its declaration. The services, the queue
/// families of the cluster and the kinds whose evidence is shared across domains all follow from
/// this list; adding a probe is its folder plus one line here.
/// </summary>
public static class ProbeCatalog
{
    /// <summary>A probe class with what it declares.</summary>
    public sealed record Entry(Type Type, ProbeKind Kind);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new(typeof(MailServersProbe), MailServersProbe.Declaration),
        new(typeof(NameServerReachProbe), NameServerReachProbe.Declaration),
        new(typeof(SmtpGreetingProbe), SmtpGreetingProbe.Declaration),
        new(typeof(AuthProbe), AuthProbe.Declaration),
        new(typeof(DnssecProbe), DnssecProbe.Declaration),
        new(typeof(DnssecMailtoProbe), DnssecMailtoProbe.Declaration),
        new(typeof(DnssecMxHostProbe), DnssecMxHostProbe.Declaration),
        new(typeof(RouteOriginProbe), RouteOriginProbe.Declaration),
        new(typeof(MtaStsProbe), MtaStsProbe.Declaration),
        new(typeof(StartTlsProbe), StartTlsProbe.Declaration),
        new(typeof(TlsaProbe), TlsaProbe.Declaration),
        new(typeof(CaaProbe), CaaProbe.Declaration),
    ];

    /// <summary>The queue families of the cluster, in the order their first probe is registered.</summary>
    public static IReadOnlyList<string> Families { get; } = [.. All.Select(e => e.Kind.Family).Distinct(StringComparer.Ordinal)];

    /// <summary>The queue families with a kind that waits out strict servers: their workers take more messages than they work on at once.</summary>
    public static IReadOnlySet<string> WaitingFamilies { get; } = All.Where(e => e.Kind.WaitsOutStrictServers).Select(e => e.Kind.Family).ToHashSet(StringComparer.Ordinal);

    /// <summary>The kinds whose evidence is about a host, so one probe serves every domain that uses it.</summary>
    public static IReadOnlySet<string> PerHostKinds { get; } = All.Where(e => e.Kind.PerHost).Select(e => e.Kind.Name).ToHashSet(StringComparer.Ordinal);
}
