namespace MailScan.Rpki;

/// <summary>The VRPs of a JSON export and when the relying party made it.</summary>
public sealed record VrpDocument(IReadOnlyList<Vrp> Vrps, DateTimeOffset? GeneratedAt);
