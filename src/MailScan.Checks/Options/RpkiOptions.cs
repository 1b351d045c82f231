namespace MailScan.Checks.Options;

/// <summary>Where route-origin data comes from.</summary>
public sealed class RpkiOptions
{
    /// <summary>A VRP export (rpki-client / Routinator / StayRTR JSON).</summary>
    public string? VrpsFile { get; set; }

    /// <summary>A prefix-to-origin table (pfx2as: prefix, length, ASN per line).</summary>
    public string? RouteOriginsFile { get; set; }
}
