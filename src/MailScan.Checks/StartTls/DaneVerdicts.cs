using MailScan.Checks.Dnssec;
using MailScan.Checks.StartTls.Dane;
using MailScan.Dns;
using MailScan.Dns.Dnssec;

namespace MailScan.Checks.StartTls;

/// <summary>The DANE sub-tests (RFC 7671, 7672) of one MX name and one of its addresses. Pure.</summary>
public static class DaneVerdicts
{
    public static ServerVerdict Exist(TlsaEvidence? tlsa)
    {
        if (tlsa is null)
            return ServerVerdict.NotTestable("the TLSA records could not be looked up");
        if (DnsStatus.IsUnreachable(tlsa.DnsStatus))
            return ServerVerdict.NotTestable($"the TLSA lookup of {tlsa.QueryName} got no answer ({tlsa.DnsStatus})");
        if (tlsa.Dnssec == DnssecStatus.Bogus)
            return ServerVerdict.Fail($"the TLSA records of {tlsa.QueryName} are DNSSEC-bogus ({tlsa.Reason})");
        if (tlsa.Records.Count == 0)
            return ServerVerdict.Fail(DnsStatus.IsConclusive(tlsa.DnsStatus)
                ? $"no TLSA record at {tlsa.QueryName}"
                : $"no TLSA record at {tlsa.QueryName}: the lookup failed ({tlsa.DnsStatus}; {tlsa.Reason})");
        if (tlsa.Dnssec != DnssecStatus.Secure)
            return ServerVerdict.Fail($"TLSA records at {tlsa.QueryName} are not DNSSEC-secure ({tlsa.Dnssec}), so they must be ignored");
        if (!tlsa.Records.Any(r => r.UsableForSmtp))
            return ServerVerdict.Fail($"only TLSA records SMTP cannot use (usages 0 and 1, or unknown parameters): {string.Join(", ", tlsa.Records)}");
        return ServerVerdict.Pass($"DNSSEC-secure TLSA records: {string.Join(", ", tlsa.Records)}");
    }

    public static ServerVerdict Valid(TlsaEvidence? tlsa, StartTlsEvidence e)
    {
        if (Exist(tlsa).Status != Verdicts.TestStatus.Passed)
            return ServerVerdict.NotTested("there are no usable DNSSEC-secure TLSA records to check");
        if (e.Chain.Count == 0)
            return ServerVerdict.NotTestable("no certificate was seen");
        var chain = e.Chain.Select(Convert.FromBase64String).ToList();
        var matching = DaneMatcher.Matching(tlsa!.Records, chain, e.MeasuredAt);
        return matching.Count > 0
            ? ServerVerdict.Pass($"the chain matches {string.Join(", ", matching)}")
            : ServerVerdict.Fail($"no usable TLSA record matches the presented chain ({string.Join(", ", tlsa.Records.Where(r => r.UsableForSmtp))})");
    }

    /// <summary>At least two different usable records: one can change (key or CA rollover) while the other still matches.</summary>
    public static ServerVerdict Rollover(TlsaEvidence? tlsa)
    {
        if (Exist(tlsa).Status != Verdicts.TestStatus.Passed)
            return ServerVerdict.NotTested("there are no usable DNSSEC-secure TLSA records");
        var usable = tlsa!.Records.Where(r => r.UsableForSmtp).DistinctBy(r => (r.Usage, r.Selector, r.MatchingType, r.Data.ToLowerInvariant())).ToList();
        return usable.Count >= 2
            ? ServerVerdict.Pass($"{usable.Count} different usable TLSA records: a key or CA rollover keeps one matching")
            : ServerVerdict.Info("a single usable TLSA record: publish the next key's (3 1 1) or the CA's (2 1 1) record too, so a rollover does not break delivery");
    }

    /// <summary>Whether the MX has a DNSSEC-secure DANE-TA record: then the certificate name must match (RFC 7672 §3.2.2).</summary>
    public static bool HasTrustAnchorRecord(TlsaEvidence? tlsa) =>
        tlsa is { Dnssec: DnssecStatus.Secure } && tlsa.Records.Any(r => r.UsableForSmtp && r.Usage == 2);
}
