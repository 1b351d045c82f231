namespace MailScan.Checks.Scanning;

/// <summary>The scan could not be carried out at all (for example: no resolver answers).</summary>
public sealed class ScanFailedException(string message) : Exception(message);
