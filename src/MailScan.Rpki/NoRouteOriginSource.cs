using System.Net;

namespace MailScan.Rpki;

/// <summary>No BGP view configured: every lookup says so, and the verdicts report it as the scanner's problem.</summary>
public sealed class NoRouteOriginSource : IRouteOriginSource
{
    public Task<RouteLookup> FindAsync(IPAddress address, CancellationToken cancellationToken) =>
        Task.FromResult(RouteLookup.Unavailable("none",
            "no route-origin source is configured: give --route-origins FILE (pfx2as) or allow Team Cymru (--team-cymru true)"));
}
