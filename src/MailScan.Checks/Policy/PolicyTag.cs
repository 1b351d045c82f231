namespace MailScan.Checks.Policy;

/// <summary>One tag of a tag=value list, with the position of its name in the record.</summary>
public sealed record PolicyTag(string Name, string Value, int Position);
