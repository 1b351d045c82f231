namespace MailScan.Checks.Dnssec;

/// <summary>The validated answers to the questions a sending server asks about one name, in the order asked.</summary>
public sealed record DnssecSenderEvidence(string Name, IReadOnlyList<DnssecAnswer> Answers);
