using MailScan.Rpki;

namespace MailScan.Checks.Rpki;

/// <summary>The VRP set a route was judged on: source, version, size and age.</summary>
public sealed record VrpSetEvidence(string Source, string Version, int Count, DateTimeOffset LoadedAt, DateTimeOffset? GeneratedAt, uint? RtrSerial)
{
    public static VrpSetEvidence Of(VrpSet set) =>
        new(set.Info.Source, set.Info.Version, set.Count, set.Info.LoadedAt, set.Info.GeneratedAt, set.Info.RtrSerial);
}
