namespace MailScan.Worker;

/// <summary>A probe message that no worker can run (no kind, no target); retrying cannot help, so it goes to the error queue at once with this reason.</summary>
public sealed class MalformedProbeException(string message) : Exception(message);
