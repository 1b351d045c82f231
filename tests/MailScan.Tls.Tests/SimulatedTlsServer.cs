using MailScan.Tls;
using MailScan.Tls.Codec;
using MailScan.Tls.Enumeration;

namespace MailScan.Tls.Tests;

/// <summary>A server model that answers hellos as OpenSSL does: negotiates the version, picks a suite by its own or the client's order, a curve and a signature scheme.</summary>
internal sealed record SimulatedTlsServer(
    IReadOnlyList<TlsVersion> Versions,
    IReadOnlyList<string> Suites,
    bool ServerOrder,
    IReadOnlyList<ushort> Groups,
    IReadOnlyList<ushort> Schemes,
    int DhBits = 2048,
    bool Compresses = false,
    int MaxHelloSuites = int.MaxValue)
{
    public int Connections { get; private set; }

    public Task<HelloOutcome> ExchangeAsync(ClientHelloSpec hello, CancellationToken cancellationToken)
    {
        Connections++;
        return Task.FromResult(Answer(hello));
    }

    private HelloOutcome Answer(ClientHelloSpec hello)
    {
        if (hello.Suites.Count > MaxHelloSuites)
            return HelloOutcome.Refused("the server closed the connection");
        if (hello.Version == TlsVersion.Ssl20)
            return Versions.Contains(TlsVersion.Ssl20)
                ? HelloOutcome.Of(new ServerFlight(null, [], null, null, true) { Ssl2Hello = new Ssl2ServerHello(false, 1, 2, [0x30, 0x00], [0x010080], 16) })
                : HelloOutcome.Refused("the server closed the connection");
        var version = Versions.Where(v => hello.Version == TlsVersion.Tls13 ? v == TlsVersion.Tls13 : v <= hello.Version && v is not TlsVersion.Tls13 and not TlsVersion.Ssl20).DefaultIfEmpty().Max();
        if (version == default)
            return Alert(70);
        var group = (ServerOrder ? Groups.Where(hello.Groups.Contains) : hello.Groups.Where(Groups.Contains)).Cast<ushort?>().FirstOrDefault();
        var scheme = (ServerOrder ? Schemes.Where(hello.SignatureSchemes.Contains) : hello.SignatureSchemes.Where(Schemes.Contains)).Cast<ushort?>().FirstOrDefault();
        var usable = Suites.Select(n => TlsCipherSuites.Named(n)!).Where(s => s.UsableWith(version) && Possible(s, group, scheme, version)).Select(s => s.Code).ToList();
        var chosen = (ServerOrder ? usable.Where(hello.Suites.Contains) : hello.Suites.Where(usable.Contains)).Cast<ushort?>().FirstOrDefault();
        if (chosen is not { } code)
            return Alert(40);
        if (version == TlsVersion.Tls13)
            return group is null ? Alert(40) : HelloOutcome.Of(new ServerFlight(new ServerHello(version, code, 0, true, false, false, group, [43, 51]), [], null, null, true));
        var suite = TlsCipherSuites.Of(code);
        ServerKeyExchange? kex = suite.KeyExchange switch
        {
            TlsKeyExchange.Ecdhe => new ServerKeyExchange(group, 0, null, null, version == TlsVersion.Tls12 ? scheme : null),
            TlsKeyExchange.Dhe => new ServerKeyExchange(null, DhBits, null, "00", version == TlsVersion.Tls12 ? scheme : null),
            _ => null,
        };
        var compression = Compresses && hello.OfferCompression ? (byte)1 : (byte)0;
        var serverHello = new ServerHello(version, code, compression, false, true, version == TlsVersion.Tls12, null, [0xFF01, 23]);
        return HelloOutcome.Of(new ServerFlight(serverHello, [[0x30, 0x00]], kex, null, true));
    }

    private static bool Possible(TlsCipherSuite suite, ushort? group, ushort? scheme, TlsVersion version) => suite.KeyExchange switch
    {
        TlsKeyExchange.Tls13 => true,
        TlsKeyExchange.Ecdhe => group is not null && (version < TlsVersion.Tls12 || scheme is not null),
        TlsKeyExchange.Dhe => version < TlsVersion.Tls12 || scheme is not null,
        _ => true,
    };

    private static HelloOutcome Alert(byte description) => HelloOutcome.Of(new ServerFlight(null, [], null, new TlsAlert(2, description), false));
}
