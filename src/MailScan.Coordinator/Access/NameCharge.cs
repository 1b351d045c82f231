namespace MailScan.Coordinator.Access;

/// <summary>The answer to a charge of names: whether it was made, and the key's count of the day afterwards.</summary>
public sealed record NameCharge(bool Granted, long UsedToday);
