using DnsClient;
using MailScan.Dns;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>
/// One validation's clock, work budget, DNS access and signature checks, and its horizon: the
/// earliest moment anything it relied on (a signature, a chain of trust) stops holding.
/// </summary>
public sealed class ValidationContext(IDnsResolver dns, ProvenRrsets proven, long now, ValidationBudget budget, CancellationToken cancellationToken)
{
    public long Now => now;

    /// <summary>Unix seconds after which the result of this validation may no longer hold.</summary>
    public long Horizon { get; private set; } = long.MaxValue;

    public ValidationBudget Budget => budget;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Nothing proven in this validation holds past <paramref name="expiresUnix"/>.</summary>
    public void Bound(long expiresUnix) => Horizon = Math.Min(Horizon, expiresUnix);

    /// <summary>Verifies an RRset with a zone's keys (see <see cref="RrsetVerifier"/>); the signature used bounds the horizon.</summary>
    public async Task<(Rrsig? Used, DnssecFailure? Failure)> VerifyAsync(Rrset rrset, DnsName zone, IReadOnlyList<Dnskey> keys)
    {
        var (used, failure) = await proven.VerifyAsync(rrset, zone, keys, now, budget).ConfigureAwait(false);
        if (used is not null)
            Bound(Rrsig.ToTime(used.Expiration, now).ToUnixTimeSeconds());
        return (used, failure);
    }

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
