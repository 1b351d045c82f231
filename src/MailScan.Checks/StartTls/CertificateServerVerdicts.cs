using MailScan.Tls;

namespace MailScan.Checks.StartTls;

/// <summary>The certificate sub-tests of one mail server address, from the presented chain. Pure.</summary>
public static class CertificateServerVerdicts
{
    public static ServerVerdict Chain(StartTlsEvidence e)
    {
        if (e.Trust is not { } trust)
            return ServerVerdict.NotTestable("no certificate was seen");
        return trust.Trusted
            ? ServerVerdict.Pass($"the chain leads to a trusted root ({trust.Anchor})")
            : ServerVerdict.Fail($"the chain is not trusted: {string.Join("; ", trust.Problems.DefaultIfEmpty("unknown reason"))}");
    }

    public static ServerVerdict PublicKey(StartTlsEvidence e) => Judge(e, "public key",
        f => TlsClassTable.PublicKey(f.KeyAlgorithm, f.KeyBits, f.Curve),
        f => f.Curve is null ? $"{f.KeyAlgorithm}-{f.KeyBits}" : $"{f.KeyAlgorithm} {f.Curve}");

    public static ServerVerdict Signature(StartTlsEvidence e) => Judge(e, "signature",
        f => TlsClassTable.CertificateSignature(f.SignatureOid), f => f.SignatureName);

    public static ServerVerdict Domain(StartTlsEvidence e, string mxName)
    {
        if (e.Chain.Count == 0)
            return ServerVerdict.NotTestable("no certificate was seen");
        return CertificateFacts.MatchesName(Convert.FromBase64String(e.Chain[0]), mxName)
            ? ServerVerdict.Pass($"the certificate is valid for {mxName}")
            : ServerVerdict.Fail($"the certificate is not valid for {mxName} ({e.ChainFacts()[0]?.Subject})");
    }

    /// <summary>Every presented certificate except self-issued ones (trust anchors: their own key and signature are not judged).</summary>
    private static ServerVerdict Judge(StartTlsEvidence e, string what, Func<CertificateFacts, TlsClass> classify, Func<CertificateFacts, string> describe)
    {
        if (e.Chain.Count == 0)
            return ServerVerdict.NotTestable("no certificate was seen");
        var judged = e.ChainFacts();
        if (judged.Any(f => f is null))
            return ServerVerdict.Fail("a presented certificate does not parse");
        var facts = judged.OfType<CertificateFacts>().Where((f, i) => i == 0 || !f.SelfIssued).ToList();
        var worst = facts.Max(classify);
        var offending = string.Join("; ", facts.Where(f => classify(f) == worst).Select(f => $"{f.Subject}: {describe(f)}"));
        return worst switch
        {
            TlsClass.Insufficient => ServerVerdict.Fail($"insufficient {what}: {offending}"),
            TlsClass.PhaseOut => ServerVerdict.Warn($"{what} to phase out: {offending}"),
            _ => ServerVerdict.Pass($"good {what} on every certificate: {string.Join("; ", facts.Select(describe).Distinct())}"),
        };
    }
}
