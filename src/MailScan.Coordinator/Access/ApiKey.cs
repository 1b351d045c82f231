namespace MailScan.Coordinator.Access;

/// <summary>A client known by its key: its name (what logs and errors show) and its quotas, 0 meaning no limit.</summary>
public sealed record ApiKey(string Name, int MaxConcurrentBatches, long MaxNamesPerDay, double RequestsPerSecond, int RequestBurst);
