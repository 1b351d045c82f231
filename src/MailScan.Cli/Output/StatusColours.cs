using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Output;

/// <summary>The colour of each status on a terminal (ANSI escapes), beside the words of <see cref="Coordinator.Reports.StatusWords"/>.</summary>
internal static class StatusColours
{
    public static string Of(V1.Status status) => status switch
    {
        V1.Status.Passed => "\u001b[32m",
        V1.Status.Failed or V1.Status.Error => "\u001b[31m",
        V1.Status.Warning or V1.Status.NotTestable => "\u001b[33m",
        V1.Status.Info => "\u001b[36m",
        _ => "\u001b[90m",
    };
}
