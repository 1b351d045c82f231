namespace MailScan.Checks.Scanning;

/// <summary>The backlog of a process whose probes run elsewhere (workers): none it can see.</summary>
public sealed class NoProbeBacklog : IProbeBacklog
{
    public int Queued => 0;
}
