using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Scanning;

/// <summary>A step of a domain scan as it happens.</summary>
public abstract record ScanEvent;

/// <summary>A category is complete.</summary>
public sealed record CategoryCompleted(CategoryResult Category) : ScanEvent;

/// <summary>The scan is complete; always the last event.</summary>
public sealed record ScanCompleted(ScanReport Report) : ScanEvent;
