namespace MailScan.Rpki;

/// <summary>What a VRP source has to say: a new version, a failure (the last version stays), or that the data expired (it must go).</summary>
public sealed record VrpSourceUpdate(VrpSet? Set, string? Error, bool Expired = false)
{
    public static VrpSourceUpdate Loaded(VrpSet set) => new(set, null);

    public static VrpSourceUpdate Failed(string error) => new(null, error);

    /// <summary>RFC 8210 §6: after the expire interval without a refresh the data must not be used.</summary>
    public static VrpSourceUpdate Expire(string error) => new(null, error, Expired: true);
}
