namespace MailScan.Checks.Scanning;

/// <summary>
/// What an adaptive limit saw over one window of finished work: the median time a unit of work
/// took, the most units in flight at once, the share that failed or timed out, and how busy the
/// machine's cores were (this process's CPU time over the window's wall time and cores), and the
/// work this work handed on that waits further down (probes waiting for slots, for a domain limit),
/// and how many units finished per second of the window.
/// </summary>
public sealed record LimitWindow(TimeSpan MedianLatency, int MostInFlight, double DroppedShare, double CpuBusy, int Backlog = 0, double Rate = 0);
