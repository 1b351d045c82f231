using System.Diagnostics;

namespace MailScan.Lab.Tests.Support;

/// <summary>Runs the built command-line tool as a user would, and captures what it prints.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(IEnumerable<string> args, string? wrapper = null, IEnumerable<string>? wrapperArgs = null)
    {
        var start = new ProcessStartInfo(wrapper ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = LabEnvironment.RepositoryRoot,
        };
        foreach (var arg in wrapperArgs ?? [])
            start.ArgumentList.Add(arg);
        if (wrapper is not null)
            start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(LabEnvironment.CliAssembly());
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
