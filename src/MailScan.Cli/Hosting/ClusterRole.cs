namespace MailScan.Cli.Hosting;

/// <summary>What a long-running process of the cluster does.</summary>
internal enum ClusterRole
{
    /// <summary>Coordinator and workers in one process (`mailscan serve`).</summary>
    Serve,
    /// <summary>The gRPC coordinator only; probes run on workers (`mailscan coordinator`).</summary>
    Coordinator,
    /// <summary>Probe consumers for some families (`mailscan worker --kinds ...`).</summary>
    Worker,
}
