namespace MailScan.Rpki;

/// <summary>The route of an address as a route-origin source saw it.</summary>
/// <param name="Source">The table file or service asked.</param>
/// <param name="Status">Announced, not announced, or the source could not answer.</param>
/// <param name="Route">The most specific announced route holding the address.</param>
/// <param name="Detail">The raw answer (Team Cymru TXT) or why the source failed.</param>
public sealed record RouteLookup(string Source, RouteLookupStatus Status, AnnouncedRoute? Route, string? Detail = null)
{
    public static RouteLookup Unavailable(string source, string why) => new(source, RouteLookupStatus.Unavailable, null, why);
}
