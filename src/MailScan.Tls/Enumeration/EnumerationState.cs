using MailScan.Tls.Codec;

namespace MailScan.Tls.Enumeration;

/// <summary>What an enumeration has learnt so far, fed hello by hello.</summary>
internal sealed class EnumerationState
{
    public SortedSet<TlsVersion> Versions { get; } = [];
    public SortedSet<TlsVersion> Refused { get; } = [];
    public List<AcceptedSuite> Suites { get; } = [];
    public List<AcceptedGroup> Groups { get; } = [];
    public List<string> Certificates { get; } = [];
    public List<string> Notes { get; } = [];
    public List<string> SchemesSeen { get; } = [];
    public List<string> Ssl2CipherKinds { get; } = [];
    public bool? Compression { get; set; }
    public bool? SecureRenegotiation { get; set; }
    public bool? ExtendedMasterSecret { get; set; }
    public int Hellos { get; set; }
    public bool Stopped { get; set; }

    public IEnumerable<ushort> SuitesOf(TlsVersion version) => Suites.Where(s => s.Version == version).Select(s => s.Code);

    /// <summary>Takes in everything an accepted hello showed.</summary>
    public void Learn(ServerHello hello, ServerFlight flight)
    {
        Versions.Add(hello.Version);
        var suite = TlsCipherSuites.Of(hello.CipherSuite);
        if (!Suites.Any(s => s.Version == hello.Version && s.Code == suite.Code))
            Suites.Add(new AcceptedSuite(hello.Version, suite.Code, suite.Name, TlsClassTable.Suite(suite)));
        if (hello.Version == TlsVersion.Tls13)
        {
            if (hello.SelectedGroup is { } group)
                AddGroup(group, "TLS 1.3");
            return;
        }
        Compression = (Compression ?? false) || hello.Compression != 0;
        SecureRenegotiation = (SecureRenegotiation ?? false) || hello.SecureRenegotiation;
        if (hello.Version == TlsVersion.Tls12)
            ExtendedMasterSecret = (ExtendedMasterSecret ?? false) || hello.ExtendedMasterSecret;
        if (Certificates.Count == 0 && flight.Certificates.Count > 0)
            Certificates.AddRange(flight.Certificates.Select(Convert.ToBase64String));
        if (flight.KeyExchange is { } kex)
            LearnKeyExchange(kex);
    }

    /// <summary>Takes in an SSL 2.0 SERVER-HELLO: the version, and the cipher kinds it offers (SSL 2.0 has no suites of TLS).</summary>
    public void LearnSsl2(Ssl2ServerHello hello)
    {
        Versions.Add(TlsVersion.Ssl20);
        Ssl2CipherKinds.AddRange(hello.CipherKinds.Select(Codec.Ssl2CipherKinds.Name).Except(Ssl2CipherKinds));
    }

    private void LearnKeyExchange(ServerKeyExchange kex)
    {
        if (kex.NamedGroup is { } group)
            AddGroup(group, "ECDHE");
        else
            AddDhGroup(kex);
        if (kex.SignatureScheme is { } scheme && !SchemesSeen.Contains(TlsSignatureSchemes.Name(scheme)))
            SchemesSeen.Add(TlsSignatureSchemes.Name(scheme));
    }

    public void AddGroup(ushort group, string source)
    {
        var name = TlsNamedGroups.Name(group);
        if (!Groups.Any(g => g.Code == group && g.Source == source))
            Groups.Add(new AcceptedGroup(name, group, null, source, TlsClassTable.Group(group)));
    }

    private void AddDhGroup(ServerKeyExchange kex)
    {
        var name = kex.DhRfc7919Group is { } g ? TlsNamedGroups.Name(g) : $"DH-{kex.DhPrimeBits} (custom prime {kex.DhPrimeSha256?[..16]})";
        if (!Groups.Any(x => x.Name == name && x.Source == "DHE"))
            Groups.Add(new AcceptedGroup(name, kex.DhRfc7919Group, kex.DhPrimeBits, "DHE", TlsClassTable.DhGroup(kex.DhRfc7919Group)));
    }
}
