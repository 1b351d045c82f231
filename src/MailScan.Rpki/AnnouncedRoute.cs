namespace MailScan.Rpki;

/// <summary>A prefix as announced in BGP, with every origin seen for it (more than one: MOAS).</summary>
public sealed record AnnouncedRoute(IpPrefix Prefix, IReadOnlyList<RouteOrigin> Origins)
{
    public bool Equals(AnnouncedRoute? other) =>
        other is not null && Prefix == other.Prefix && Origins.SequenceEqual(other.Origins);

    public override int GetHashCode() => HashCode.Combine(Prefix, Origins.Count);
}
