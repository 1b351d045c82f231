namespace MailScan.Coordinator.Batches;

/// <summary>One entry of a batch's result log: its cursor and the report (protobuf bytes of DomainReport).</summary>
public sealed record LoggedResult(long Cursor, byte[] Report);
