namespace MailScan.Rpki;

/// <summary>
/// Where a VRP set came from and which version it is, recorded in every route evidence so a
/// result can be traced to the data it was judged on.
/// </summary>
/// <param name="Source">The file, URL or RTR server the VRPs came from.</param>
/// <param name="Version">A version that changes whenever the content does: the RTR serial, or a digest of the file.</param>
/// <param name="LoadedAt">When this scanner loaded it.</param>
/// <param name="GeneratedAt">When the relying party produced it, if the source says.</param>
public sealed record VrpSetInfo(string Source, string Version, DateTimeOffset LoadedAt, DateTimeOffset? GeneratedAt = null)
{
    /// <summary>The RTR session id, for sets that came over RTR.</summary>
    public int? RtrSession { get; init; }

    /// <summary>The RTR serial, for sets that came over RTR.</summary>
    public uint? RtrSerial { get; init; }
}
