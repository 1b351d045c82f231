namespace MailScan.Rpki;

/// <summary>Gives probes the current VRP set (loaded once per process and shared).</summary>
public interface IVrpProvider
{
    /// <summary>The current set; waits for the first load up to the configured limit.</summary>
    Task<VrpSnapshot> GetAsync(CancellationToken cancellationToken);
}
