using MailScan.Checks.Input;

namespace MailScan.Coordinator.Batches;

/// <summary>What a submission became: the batch, and what was left out of it.</summary>
public sealed record BatchSubmission(BatchRecord Batch, long Duplicates, IReadOnlyList<RejectedName> Rejected, long RejectedCount);
