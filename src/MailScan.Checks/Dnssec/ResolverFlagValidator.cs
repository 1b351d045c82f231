using DnsClient;
using MailScan.Checks.Dns;
using MailScan.Checks.Telemetry;

namespace MailScan.Checks.Dnssec;

/// <summary>
/// Takes the DNSSEC status from the configured resolver's AD flag: secure when set, insecure when
/// not, indeterminate on failure. It cannot tell bogus from a failure (a validating resolver
/// answers SERVFAIL for both) nor name the broken link; the in-process validator replaces it.
/// </summary>
public sealed class ResolverFlagValidator(IDnsResolver dns) : IValidatingResolver
{
    public async Task<ValidatedAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        var answer = await dns.QueryAsync(name, type, cancellationToken).ConfigureAwait(false);
        var validated = !answer.IsConclusive
            ? new ValidatedAnswer(answer, DnssecStatus.Indeterminate, $"no usable answer ({answer.Status})")
            : answer.AuthenticData
                ? new ValidatedAnswer(answer, DnssecStatus.Secure)
                : new ValidatedAnswer(answer, DnssecStatus.Insecure, "the resolver did not set the AD flag");
        MailScanMetrics.DnssecStatus(validated.Status.ToString());
        return validated;
    }
}
