namespace MailScan.Rpki;

/// <summary>What the BGP view says about an address.</summary>
public enum RouteLookupStatus
{
    /// <summary>A route holds the address.</summary>
    Announced,
    /// <summary>No route holds the address (not on the internet's routing table).</summary>
    NotAnnounced,
    /// <summary>The route-origin source could not answer.</summary>
    Unavailable,
}
