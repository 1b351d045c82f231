using System.Net;
using DnsClient;

namespace MailScan.Dns;

/// <summary>The one way the product asks DNS: through the configured recursive resolvers, or directly to a named server.</summary>
public interface IDnsResolver
{
    /// <summary>Asks the configured recursive resolvers. Never throws for DNS or network failures.</summary>
    Task<DnsAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken);

    /// <summary>
    /// Names the resolvers behind <see cref="QueryAsync"/> in cache keys, so what one set of
    /// resolvers answered is never served as another's (see <see cref="ResolverSet.Scope"/>).
    /// </summary>
    string ResolverScope => "unnamed";

    /// <summary>Asks one server directly, without recursion. Never throws for DNS or network failures.</summary>
    Task<DnsAnswer> QueryServerAsync(IPEndPoint server, string name, QueryType type, DnsTransport transport, CancellationToken cancellationToken);
}
