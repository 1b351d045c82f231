namespace MailScan.Rpki;

/// <summary>The route origin state of one address over all origins of its route.</summary>
public enum AddressRouteState
{
    /// <summary>Every origin of the announced route is valid.</summary>
    Valid,
    /// <summary>At least one origin of the announced route is invalid.</summary>
    Invalid,
    /// <summary>No VRP covers the announced route.</summary>
    NotFound,
    /// <summary>No route holds the address.</summary>
    NotAnnounced,
}
