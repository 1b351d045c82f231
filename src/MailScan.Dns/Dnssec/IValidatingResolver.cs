using DnsClient;

namespace MailScan.Dns.Dnssec;

/// <summary>Answers a DNS question together with its DNSSEC status. The one way checks ask for validated data.</summary>
public interface IValidatingResolver
{
    /// <summary>Resolves and validates; never throws for DNS, network or validation failures.</summary>
    Task<ValidatedAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken);
}
