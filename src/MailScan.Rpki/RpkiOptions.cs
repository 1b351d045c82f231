namespace MailScan.Rpki;

/// <summary>Where route-origin data and VRPs come from.</summary>
public sealed class RpkiOptions
{
    /// <summary>A VRP export (rpki-client / Routinator / StayRTR JSON).</summary>
    public string? VrpsFile { get; set; }

    /// <summary>A prefix-to-origin table (pfx2as: prefix, length, ASN per line).</summary>
    public string? RouteOriginsFile { get; set; }

    /// <summary>A VRP export fetched over HTTP(S) (e.g. a relying party's vrps.json); instead of <see cref="VrpsFile"/>.</summary>
    public string? VrpsUrl { get; set; }

    /// <summary>An RTR cache (RFC 8210) as HOST:PORT to follow live; instead of a VRP file or URL.</summary>
    public string? RtrServer { get; set; }

    /// <summary>The RTR version spoken first (1, or 0 for old caches); a cache that only knows 0 is followed down.</summary>
    public int RtrVersion { get; set; } = 1;

    /// <summary>How often a VRP file or URL, and the pfx2as file, are checked again (only a changed one is reloaded).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Ask the Team Cymru DNS service (origin.asn.cymru.com) for route origins when no <see cref="RouteOriginsFile"/> is given.</summary>
    public bool TeamCymru { get; set; } = true;

    /// <summary>How long a probe waits for the first VRP set to load.</summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time for one HTTP fetch, one RTR exchange (connect, or a query until End of Data), or one read of the cluster's shared set from Redis.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
