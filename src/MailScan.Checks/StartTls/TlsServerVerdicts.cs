using MailScan.Tls;
using MailScan.Tls.Enumeration;

namespace MailScan.Checks.StartTls;

/// <summary>The TLS sub-tests of one mail server address, from its evidence (the session gate passed). Pure.</summary>
public static class TlsServerVerdicts
{
    public static ServerVerdict Available(StartTlsEvidence e)
    {
        if (!e.StartTlsOffered)
            return ServerVerdict.Fail("the server does not offer STARTTLS: mail to it travels unencrypted");
        if (!e.TlsEstablished)
            return ServerVerdict.Fail($"STARTTLS is offered but no TLS session can be established ({e.Handshake?.Error ?? e.Error ?? e.Tls?.Notes.FirstOrDefault() ?? "the handshake fails"})");
        // A standard client could not connect: only old versions the raw hellos ask for answered (SSL 2.0 among them).
        var how = e.Handshake is { Established: true } h ? $"{h.Protocol}, {h.CipherSuite}" : $"with old versions only: {Names(e.Tls?.Versions ?? [])}";
        return ServerVerdict.Pass($"STARTTLS offered and a TLS session established ({how})");
    }

    public static ServerVerdict Version(TlsEvaluation t)
    {
        var bad = t.Versions.Where(v => TlsClassTable.Version(v) == TlsClass.Insufficient).ToList();
        if (bad.Count > 0)
            return ServerVerdict.Fail($"insufficient versions accepted: {Names(bad)} (accepted: {Names(t.Versions)})");
        if (!t.Complete && t.VersionsRefused.Count + t.Versions.Count < 6)
            return ServerVerdict.NotTestable($"not every version could be tested: {string.Join("; ", t.Notes)}");
        return ServerVerdict.Pass($"only good or sufficient versions accepted: {Names(t.Versions)}");
    }

    public static ServerVerdict Ciphers(TlsEvaluation t)
    {
        var worst = t.Suites.Select(s => s.Class).DefaultIfEmpty(TlsClass.Good).Max();
        var offending = t.Suites.Where(s => s.Class == worst).Select(s => $"{s.Name} ({TlsVersionNames.Of(s.Version)})").Distinct().ToList();
        return worst switch
        {
            TlsClass.Insufficient => ServerVerdict.Fail($"insufficient cipher suites accepted: {string.Join(", ", offending)}"),
            TlsClass.PhaseOut => ServerVerdict.Warn($"cipher suites to phase out accepted: {string.Join(", ", offending)}"),
            _ when !t.Complete => ServerVerdict.NotTestable($"the enumeration stopped early: {string.Join("; ", t.Notes)}"),
            _ => ServerVerdict.Pass($"only good or sufficient cipher suites accepted ({t.Suites.Count} seen)"),
        };
    }

    public static ServerVerdict CipherOrder(TlsEvaluation t)
    {
        if (t.CipherOrder is not { } order)
            return ServerVerdict.Pass("not applicable: the server speaks only TLS 1.3, where the order does not matter");
        if (!order.Tested)
            return order.NothingToOrder
                ? ServerVerdict.Pass($"not applicable: {order.Note}")
                : ServerVerdict.NotTestable(order.Note ?? "not tested");
        var v = TlsVersionNames.Of(order.Version);
        // As Internet.nl: the order only matters when a suite to phase out could be chosen over a
        // good or sufficient one; insufficient suites fail the cipher test on their own.
        if (!t.Suites.Any(s => s.Version != TlsVersion.Tls13 && s.Class == TlsClass.PhaseOut))
            return ServerVerdict.Pass(order.ServerOrder == true
                ? $"the server chooses by its own order with {v}, and accepts no suite to phase out"
                : $"the server follows the client's order with {v}, which is harmless here: it accepts no suite to phase out");
        if (order.ServerOrder != true)
            return ServerVerdict.Fail($"the server follows the client's order with {v} (it chose {order.ChosenWorstFirst} from a weak-first list and {order.ChosenBestFirst} from a strong-first list)");
        if (order.PrefersStronger != true)
            return ServerVerdict.Fail($"the server's own order prefers a weaker suite with {v}: it chose {order.ChosenWorstFirst}");
        return ServerVerdict.Pass($"the server chooses by its own order and prefers the strongest class with {v} ({order.ChosenWorstFirst})");
    }

    public static ServerVerdict KeyExchange(TlsEvaluation t)
    {
        if (t.Groups.Count == 0)
            return ServerVerdict.Pass("no Diffie-Hellman key exchange is offered, so there are no parameters to judge");
        var worst = t.Groups.Max(g => g.Class);
        var offending = string.Join(", ", t.Groups.Where(g => g.Class == worst).Select(g => $"{g.Name} ({g.Source})").Distinct());
        return worst switch
        {
            TlsClass.Insufficient => ServerVerdict.Fail($"insufficient key-exchange groups accepted: {offending}"),
            TlsClass.PhaseOut => ServerVerdict.Warn($"key-exchange groups to phase out accepted: {offending}"),
            _ when !t.Complete => ServerVerdict.NotTestable($"the enumeration stopped early: {string.Join("; ", t.Notes)}"),
            _ => ServerVerdict.Pass($"only good key-exchange groups: {string.Join(", ", t.Groups.Select(g => g.Name).Distinct())}"),
        };
    }

    public static ServerVerdict KeyExchangeHash(TlsEvaluation t)
    {
        var h = t.KeyExchangeHash;
        if (h.Sha1Accepted == true)
            return ServerVerdict.Fail("the server signs its key exchange with SHA-1 when a client offers only SHA-1");
        var legacySigned = t.Suites.Where(s => s.Version is TlsVersion.Tls10 or TlsVersion.Tls11 or TlsVersion.Ssl30
            && TlsCipherSuites.Of(s.Code).KeyExchange is TlsKeyExchange.Ecdhe or TlsKeyExchange.Dhe).Select(s => TlsVersionNames.Of(s.Version)).Distinct().ToList();
        if (legacySigned.Count > 0)
            return ServerVerdict.Fail($"with {string.Join(", ", legacySigned)} the key exchange is signed with SHA-1 (and MD5): those versions have no other hash");
        if (h.Sha224Accepted == true)
            return ServerVerdict.Warn("the server signs its key exchange with SHA-224 when a client offers only SHA-224 (phase out)");
        if (h.Tested)
            return ServerVerdict.Pass("the server signs its key exchange only with SHA-2 of 256 bits or more");
        if (!t.Versions.Contains(TlsVersion.Tls12) && t.Versions.Contains(TlsVersion.Tls13) && t.Versions.All(v => v == TlsVersion.Tls13))
            return ServerVerdict.Pass("TLS 1.3 only: its handshake signatures use no SHA-1 or SHA-224");
        return ServerVerdict.Info($"cannot tell: {h.Note ?? "the hash tests did not complete"}");
    }

    public static ServerVerdict Compression(TlsEvaluation t) => t.Compression switch
    {
        true => ServerVerdict.Fail("the server accepts TLS compression (CRIME)"),
        false => ServerVerdict.Pass("the server does not compress TLS"),
        null => ServerVerdict.Pass("TLS 1.3 only: it has no compression"),
    };

    public static ServerVerdict SecureRenegotiation(TlsEvaluation t) => t.SecureRenegotiation switch
    {
        true => ServerVerdict.Pass("secure renegotiation (RFC 5746) is supported"),
        false => ServerVerdict.Fail("the server does not support secure renegotiation (RFC 5746)"),
        null => ServerVerdict.Pass("not applicable: TLS 1.3 only has no renegotiation"),
    };

    /// <summary>Refused → PASSED; allowed but cut off within the test's asks (a low limit) → INFO; allowed every time → FAILED.</summary>
    public static ServerVerdict ClientRenegotiation(TlsEvaluation t)
    {
        if (!t.Complete && t.ClientRenegotiation is null && !t.Versions.Contains(TlsVersion.Tls12) && !t.VersionsRefused.Contains(TlsVersion.Tls12))
            return ServerVerdict.NotTestable($"the enumeration stopped before TLS 1.2 was tested: {string.Join("; ", t.Notes)}");
        if (t.Versions.All(v => v == TlsVersion.Tls13))
            return ServerVerdict.Pass("not applicable: TLS 1.3 has no renegotiation, and the server offers nothing older");
        return t.ClientRenegotiation switch
        {
            { Allowed: false } r => ServerVerdict.Pass($"the server does not let a client renegotiate: {r.Detail}"),
            { Allowed: true, CutOff: true } r => ServerVerdict.Info($"the server lets a client renegotiate, but only a few times on one connection (a low limit): {r.Detail}"),
            { Allowed: true } r when r.Completed >= r.Asked => ServerVerdict.Fail($"the server lets a client renegotiate without a low limit, which lets one client load its CPU: {r.Detail}"),
            { Allowed: true } r => ServerVerdict.Info($"the server lets a client renegotiate; whether it limits how often could not be measured: {r.Detail}"),
            { } r => ServerVerdict.NotTestable($"client-initiated renegotiation could not be tested: {r.Detail}"),
            null => ServerVerdict.NotTested("client-initiated renegotiation is tested under TLS 1.2 with ECDHE, AES-GCM and a NIST curve, which this server does not offer"),
        };
    }

    public static ServerVerdict ExtendedMasterSecret(TlsEvaluation t) => t.ExtendedMasterSecret switch
    {
        true => ServerVerdict.Pass("TLS 1.2 uses the Extended Master Secret (RFC 7627)"),
        false => ServerVerdict.Fail("TLS 1.2 without the Extended Master Secret (RFC 7627)"),
        null => ServerVerdict.NotTested("the server does not offer TLS 1.2"),
    };

    /// <summary>
    /// Always PASSED "not applicable" (mailtest.md, as Internet.nl since 1.11.1): early data is never
    /// sent to a mail server. What the server's TLS 1.3 session ticket advertises is told beside it.
    /// </summary>
    public static ServerVerdict ZeroRtt(TlsEvaluation t)
    {
        const string NotApplicable = "not applicable: 0-RTT is not probed on SMTP (probing sent data that broke mail servers)";
        return t.EarlyData switch
        {
            { AllowsEarlyData: true } e => ServerVerdict.Pass($"{NotApplicable}; evidence only: {e.Detail}"),
            { AllowsEarlyData: false } e => ServerVerdict.Pass($"{NotApplicable}; {e.Detail}"),
            _ => ServerVerdict.Pass(NotApplicable),
        };
    }

    private static string Names(IEnumerable<TlsVersion> versions) => string.Join(", ", versions.Select(TlsVersionNames.Of));
}
