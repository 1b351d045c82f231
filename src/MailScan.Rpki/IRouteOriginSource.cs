using System.Net;

namespace MailScan.Rpki;

/// <summary>The BGP view: which announced prefix holds an address, and who originates it.</summary>
public interface IRouteOriginSource
{
    /// <summary>Looks the address up. Never throws for failures of the source; they are <see cref="RouteLookupStatus.Unavailable"/>.</summary>
    Task<RouteLookup> FindAsync(IPAddress address, CancellationToken cancellationToken);
}
