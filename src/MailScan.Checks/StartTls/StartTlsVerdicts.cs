using MailScan.Checks.Discovery;
using MailScan.Checks.Scanning;
using MailScan.Checks.StartTls.Caa;
using MailScan.Checks.StartTls.Dane;
using MailScan.Checks.Verdicts;
using MailScan.Tls.Enumeration;

using Ids = MailScan.Checks.StartTls.StartTlsSubtestIds;

namespace MailScan.Checks.StartTls;

/// <summary>Every mail_starttls sub-test over all mail server addresses of a domain. Pure.</summary>
public static class StartTlsVerdicts
{
    private delegate ServerVerdict TlsRule(TlsEvaluation tls);

    public static IReadOnlyList<SubtestResult> All(MailServerEvidence servers, IProbeResults results)
    {
        var targets = MailServerTarget.All(servers, results);
        var tlsa = servers.MailServers.DistinctBy(mx => mx.Name).ToDictionary(mx => mx.Name, mx => results.Find(new ProbeKey(TlsaProbe.Name, mx.Name))?.EvidenceAs<TlsaEvidence>() is { Records: not null } t ? t : null);
        var caa = servers.MailServers.Select(mx => (mx.Name, (string?)null, CaaVerdicts.Judge(results.Find(new ProbeKey(CaaProbe.Name, mx.Name))?.EvidenceAs<CaaEvidence>() is { Records: not null } c ? c : null))).ToList();
        var withoutAddress = servers.MailServers.Where(mx => mx.Ipv4.Count + mx.Ipv6.Count == 0).Select(mx => mx.Name).ToList();
        var dane = DanePoints(servers, targets, tlsa);
        var usableTlsa = tlsa.Values.Any(t => DaneVerdicts.Exist(t).Status == TestStatus.Passed);

        var tests = new List<SubtestResult>
        {
            Available(targets, withoutAddress, servers),
            Tls(Ids.Version, targets, TlsServerVerdicts.Version),
            Tls(Ids.Ciphers, targets, TlsServerVerdicts.Ciphers),
            Tls(Ids.CipherOrder, targets, TlsServerVerdicts.CipherOrder),
            Tls(Ids.KeyExchange, targets, TlsServerVerdicts.KeyExchange),
            Tls(Ids.KeyExchangeHash, targets, TlsServerVerdicts.KeyExchangeHash),
            Tls(Ids.Compression, targets, TlsServerVerdicts.Compression),
            Tls(Ids.SecureRenegotiation, targets, TlsServerVerdicts.SecureRenegotiation),
            Tls(Ids.ClientRenegotiation, targets, TlsServerVerdicts.ClientRenegotiation),
            ExtendedMasterSecret(targets),
            Tls(Ids.ZeroRtt, targets, TlsServerVerdicts.ZeroRtt),
            Per(Ids.CertChain, targets, (t, e) => CertificateServerVerdicts.Chain(e)),
            Per(Ids.CertPublicKey, targets, (t, e) => CertificateServerVerdicts.PublicKey(e)),
            Per(Ids.CertSignature, targets, (t, e) => CertificateServerVerdicts.Signature(e)),
            ServerRows.Combine(Ids.Caa, caa),
            CertDomain(targets, tlsa),
            ServerRows.Combine(Ids.DaneExist, servers.MailServers.Select(mx => (mx.Name, (string?)null, DaneVerdicts.Exist(tlsa[mx.Name]))).ToList()) with { Points = dane },
            Per(Ids.DaneValid, targets, (t, e) => DaneVerdicts.Valid(tlsa[t.MxName], e)) with { Points = dane, Level = SubtestLevels.DaneValid(usableTlsa) },
            ServerRows.Combine(Ids.DaneRollover, servers.MailServers.Select(mx => (mx.Name, (string?)null, DaneVerdicts.Rollover(tlsa[mx.Name]))).ToList()),
        };
        return tests;
    }

    /// <summary>
    /// Internet.nl keeps one DANE score per mail server, earned only when its TLSA records
    /// validate, and counts it for existence and again for validity (internetnl-notes.md §2.3).
    /// </summary>
    private static List<ServerPoints> DanePoints(MailServerEvidence servers, List<MailServerTarget> targets, Dictionary<string, TlsaEvidence?> tlsa) =>
        servers.MailServers.Select(mx => mx.Name).Distinct().Select(name =>
        {
            var exist = DaneVerdicts.Exist(tlsa[name]).Status;
            if (exist == TestStatus.NotTestable)
                return new ServerPoints(name, null);
            if (exist != TestStatus.Passed)
                return new ServerPoints(name, 0);
            var valid = targets.Where(t => t.MxName == name)
                .Select(t => SessionGate.Blocked(t.Result, t.Evidence) ?? DaneVerdicts.Valid(tlsa[name], t.Evidence!))
                .Where(v => v.Status != TestStatus.NotTestable).ToList();
            return new ServerPoints(name, valid.Count == 0 ? null : valid.All(v => v.Status == TestStatus.Passed) ? Scoring.Full : 0);
        }).ToList();

    /// <summary>EMS only weighs where some mail server offers TLS 1.2; a server with TLS but without TLS 1.2 loses nothing.</summary>
    private static SubtestResult ExtendedMasterSecret(List<MailServerTarget> targets)
    {
        var result = Tls(Ids.ExtendedMasterSecret, targets, TlsServerVerdicts.ExtendedMasterSecret);
        var withoutTls12 = targets
            .Where(t => SessionGate.Blocked(t.Result, t.Evidence) is null && t.Evidence!.Tls is not null)
            .GroupBy(t => t.MxName)
            .Where(mx => mx.All(t => TlsServerVerdicts.ExtendedMasterSecret(t.Evidence!.Tls!).Status == TestStatus.NotTested))
            .Select(mx => mx.Key).ToHashSet();
        var points = result.Points.Select(p => withoutTls12.Contains(p.Server) && p.Points == 0 ? p with { Points = Scoring.Full } : p).ToList();
        return result with { Level = SubtestLevels.ExtendedMasterSecret(tls12Offered: result.Status != TestStatus.NotTested), Points = points };
    }

    private static SubtestResult Available(List<MailServerTarget> targets, List<string> withoutAddress, MailServerEvidence servers)
    {
        var rows = targets.Select(t => (t.MxName, (string?)t.Address, AvailableOn(t))).ToList();
        rows.AddRange(withoutAddress.Select(name => (name, (string?)null, ServerVerdict.NotTestable("the MX name has no address"))));
        var result = ServerRows.Combine(Ids.Available, rows);
        result.Details!["evaluations"] = new System.Text.Json.Nodes.JsonArray(targets.DistinctBy(t => t.Address).Select(t => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
        {
            ["address"] = t.Address,
            ["connections"] = t.Evidence?.Connections,
            ["milliseconds"] = t.Evidence?.TotalMilliseconds,
            ["serverName"] = t.Evidence?.ServerName,
            ["mode"] = t.Evidence?.Tls?.Mode,
            ["reused"] = t.Result?.Reused ?? false,
        }).ToArray());
        if (servers.NullMx && result.Status == TestStatus.Passed)
            return result with { Status = TestStatus.Warning, Reason = $"a null MX stands beside real MX records; {result.Reason}" };
        return result;
    }

    private static ServerVerdict AvailableOn(MailServerTarget target)
    {
        var evidence = target.Evidence;
        var blocked = SessionGate.Blocked(target.Result, evidence);
        if (blocked is not null && blocked.Status != TestStatus.NotTested)
            return blocked;
        return TlsServerVerdicts.Available(evidence!);
    }

    private static SubtestResult Tls(string id, List<MailServerTarget> targets, TlsRule rule) =>
        Per(id, targets, (_, e) => e.Tls is { } tls ? rule(tls) : ServerVerdict.NotTestable("the TLS enumeration did not run"));

    private static SubtestResult Per(string id, List<MailServerTarget> targets, Func<MailServerTarget, StartTlsEvidence, ServerVerdict> rule)
    {
        var rows = targets.Select(t => (t.MxName, (string?)t.Address, SessionGate.Blocked(t.Result, t.Evidence) ?? rule(t, t.Evidence!))).ToList();
        return ServerRows.Combine(id, rows);
    }

    /// <summary>Not scoring for mail, unless the MX publishes a DANE-TA record: then the name must match (RFC 7672 §3.2.2).</summary>
    private static SubtestResult CertDomain(List<MailServerTarget> targets, Dictionary<string, TlsaEvidence?> tlsa)
    {
        var result = Per(Ids.CertDomain, targets, (t, e) => CertificateServerVerdicts.Domain(e, t.MxName));
        var daneTaMismatch = targets.Any(t => DaneVerdicts.HasTrustAnchorRecord(tlsa[t.MxName])
            && t.Evidence is { } e && SessionGate.Blocked(t.Result, e) is null && CertificateServerVerdicts.Domain(e, t.MxName).Status == TestStatus.Failed);
        return result with { Level = SubtestLevels.CertDomain(bindingByDaneTa: daneTaMismatch) };
    }
}
