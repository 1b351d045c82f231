using System.Globalization;

namespace MailScan.Benchmarks;

/// <summary>
/// The CPU seconds the lab's own servers have used (Knot, Unbound, the synthetic Postfix with its
/// smtpd processes, the delay relay, LabServers): every process whose command line names the lab's
/// directory or whose working directory is inside it, with the children it has reaped. Read before
/// and after a run, the difference is what serving the scan cost the machine it shares.
/// </summary>
internal static class LabCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>By program (the process's name; a Postfix master counts the smtpd processes it reaped).</summary>
    public static Dictionary<string, double> ByProgram(string root)
    {
        var lab = Path.Combine(root, "deploy/lab");
        var total = new Dictionary<string, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out _))
                continue;
            try
            {
                if (!Belongs(dir, lab))
                    continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // utime, stime, cutime, cstime (fields 14-17 of proc(5), counted from the state at 3).
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                total[name] = total.GetValueOrDefault(name) + (fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture)) / TicksPerSecond);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process went while it was read.
            }
        }
        return total;
    }

    /// <summary>The machine's busy CPU seconds since boot, every core (/proc/stat: all but idle and iowait).</summary>
    public static double MachineSeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (cpu.Take(8).Sum() - cpu[3] - cpu[4]) / TicksPerSecond;
    }

    private static bool Belongs(string dir, string lab)
    {
        var command = File.ReadAllText(Path.Combine(dir, "cmdline"));
        if (command.Contains(lab, StringComparison.Ordinal) && !command.Contains("mailscan.dll", StringComparison.Ordinal))
            return true;
        var cwd = new FileInfo(Path.Combine(dir, "cwd")).LinkTarget;
        return cwd is not null && cwd.StartsWith(lab + "/", StringComparison.Ordinal);
    }
}
