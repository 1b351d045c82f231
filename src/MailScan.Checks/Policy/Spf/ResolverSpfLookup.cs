using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using MailScan.Dns;

namespace MailScan.Checks.Policy.Spf;

/// <summary>The SPF evaluator's lookups through the product's resolver (<see cref="IDnsResolver"/>).</summary>
public sealed class ResolverSpfLookup(IDnsResolver dns) : ISpfLookup
{
    public Task<SpfLookupAnswer<string>> TxtAsync(string name, CancellationToken cancellationToken) =>
        LookupAsync(name, QueryType.TXT, a => a.Records<TxtRecord>().Select(r => string.Concat(r.Text)), cancellationToken);

    public Task<SpfLookupAnswer<IPAddress>> AddressesAsync(string name, AddressFamily family, CancellationToken cancellationToken) =>
        family == AddressFamily.InterNetworkV6
            ? LookupAsync(name, QueryType.AAAA, a => a.Records<AaaaRecord>().Select(r => r.Address), cancellationToken)
            : LookupAsync(name, QueryType.A, a => a.Records<ARecord>().Select(r => r.Address), cancellationToken);

    public Task<SpfLookupAnswer<string>> MxAsync(string name, CancellationToken cancellationToken) =>
        LookupAsync(name, QueryType.MX, a => a.Records<MxRecord>().Select(r => r.Exchange.Value.TrimEnd('.')), cancellationToken);

    public Task<SpfLookupAnswer<string>> PtrAsync(IPAddress address, CancellationToken cancellationToken) =>
        LookupAsync(address.GetArpaName(), QueryType.PTR, a => a.Records<PtrRecord>().Select(r => r.PtrDomainName.Value.TrimEnd('.')), cancellationToken);

    private async Task<SpfLookupAnswer<T>> LookupAsync<T>(string name, QueryType type, Func<DnsAnswer, IEnumerable<T>> values, CancellationToken cancellationToken)
    {
        DnsAnswer answer;
        try
        {
            answer = await dns.QueryAsync(name, type, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            // A name DNS cannot carry (macro output with odd characters) exists nowhere.
            return SpfLookupAnswer<T>.NxDomain;
        }
        if (answer.IsNxDomain)
            return SpfLookupAnswer<T>.NxDomain;
        return answer.IsNoError ? SpfLookupAnswer<T>.Found(values(answer).ToList()) : SpfLookupAnswer<T>.Failed(answer.Status);
    }
}
