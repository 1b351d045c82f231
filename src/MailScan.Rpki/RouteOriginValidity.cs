namespace MailScan.Rpki;

/// <summary>The route origin validation state of RFC 6811.</summary>
public enum RouteOriginValidity
{
    /// <summary>A VRP covers the route and matches its origin and length.</summary>
    Valid,
    /// <summary>VRPs cover the route but none matches (wrong origin AS or too specific).</summary>
    Invalid,
    /// <summary>No VRP covers the route.</summary>
    NotFound,
}
