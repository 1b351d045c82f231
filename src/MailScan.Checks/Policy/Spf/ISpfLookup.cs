using System.Net;
using System.Net.Sockets;

namespace MailScan.Checks.Policy.Spf;

/// <summary>
/// The DNS the SPF evaluator needs, and nothing more: so it runs over the product's resolver and,
/// in tests, over zone data held in memory. Names come without a trailing dot; implementations
/// never throw for DNS failures.
/// </summary>
public interface ISpfLookup
{
    /// <summary>TXT records of a name, each with its strings joined (RFC 7208 §3.3).</summary>
    Task<SpfLookupAnswer<string>> TxtAsync(string name, CancellationToken cancellationToken);

    /// <summary>A (InterNetwork) or AAAA (InterNetworkV6) records of a name.</summary>
    Task<SpfLookupAnswer<IPAddress>> AddressesAsync(string name, AddressFamily family, CancellationToken cancellationToken);

    /// <summary>The exchange names of a name's MX records ("" for a null MX).</summary>
    Task<SpfLookupAnswer<string>> MxAsync(string name, CancellationToken cancellationToken);

    /// <summary>The PTR names of an address.</summary>
    Task<SpfLookupAnswer<string>> PtrAsync(IPAddress address, CancellationToken cancellationToken);
}
