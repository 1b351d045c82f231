using DnsClient;
using MailScan.Checks.Dns;
using MailScan.Checks.Dns.Wire;

namespace MailScan.Checks.Dnssec;

/// <summary>One validation's clock, work budget and DNS access.</summary>
public sealed class ValidationContext(IDnsResolver dns, long now, ValidationBudget budget, CancellationToken cancellationToken)
{
    public long Now => now;

    public ValidationBudget Budget => budget;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Asks the resolver (DO and CD set, cached); null when the query budget is spent.</summary>
    public async Task<DnsAnswer?> QueryAsync(DnsName name, ushort type)
    {
        if (!budget.TakeQuery())
            return null;
        return await dns.QueryAsync(name.ToString(), (QueryType)type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why an answer cannot be used, as an indeterminate failure, or null when it can.</summary>
    public static DnssecFailure? Unusable(DnsAnswer? answer, DnsName name, ushort type, DnsName zone)
    {
        if (answer is null)
            return DnssecFailure.Of(ExtendedDnsError.DNSSECIndeterminate, zone, name, type, "too many queries for one validation (limit reached)");
        return answer.Outcome switch
        {
            DnsOutcome.Answered when answer.Message is { Rcode: 0 or 3 } => null,
            DnsOutcome.Answered => DnssecFailure.Of(ExtendedDnsError.NoReachableAuthority, zone, name, type,
                $"the resolver answered {answer.Rcode}{Extended(answer)}"),
            DnsOutcome.Malformed => DnssecFailure.Of(ExtendedDnsError.InvalidData, zone, name, type, answer.Error ?? "malformed answer"),
            DnsOutcome.Timeout => DnssecFailure.Of(ExtendedDnsError.NoReachableAuthority, zone, name, type, answer.Error ?? "no answer"),
            _ => DnssecFailure.Of(ExtendedDnsError.NetworkError, zone, name, type, answer.Error ?? "network error"),
        };
    }

    private static string Extended(DnsAnswer answer) =>
        answer.Message is { ExtendedErrors.Count: > 0 } message
            ? $" (EDE {string.Join(", ", message.ExtendedErrors.Select(e => $"{e.Code} {e.Text}".Trim()))})"
            : string.Empty;
}
