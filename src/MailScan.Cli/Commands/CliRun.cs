using System.CommandLine;
using MailScan.Coordinator.Reports;
using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Cli.Configuration;
using MailScan.Cli.Output;
using Microsoft.Extensions.Logging;

namespace MailScan.Cli.Commands;

/// <summary>What every command does around its work: load settings, and turn failures into one clear line and an exit code.</summary>
internal static class CliRun
{
    /// <summary>The scanner's options, or null after printing why the settings are invalid (exit code in <paramref name="exit"/>).</summary>
    public static MailScanOptions? LoadOptions(GlobalOptions global, ParseResult result, out int exit) =>
        LoadSettings(global, result, out exit)?.Scanner;

    /// <summary>All settings, the hosts' too, or null after printing why they are invalid (exit code in <paramref name="exit"/>).</summary>
    public static MailScanSettings? LoadSettings(GlobalOptions global, ParseResult result, out int exit)
    {
        exit = ExitCodes.Scanned;
        try
        {
            return OptionsLoader.LoadAll(global.Settings(result));
        }
        catch (OptionsLoadException ex)
        {
            Console.Error.WriteLine("error: invalid settings:");
            foreach (var line in ex.Message.Split(Environment.NewLine))
                Console.Error.WriteLine($"  {line}");
            exit = ExitCodes.BadInput;
            return null;
        }
    }

    /// <summary>Runs the work; a failure becomes one line on stderr, never a stack trace (unless verbose).</summary>
    public static async Task<int> GuardAsync(LogLevel level, Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (ScanFailedException ex)
        {
            Console.Error.WriteLine($"error: could not scan: {TerminalText.Clean(ex.Message)}");
            return ExitCodes.CouldNotScan;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted");
            return 130;
        }
        catch (Exception ex) when (ex is ArgumentException { ParamName: "configured" or "host" })
        {
            Console.Error.WriteLine($"error: could not scan: {TerminalText.Clean(ex.Message)}");
            return ExitCodes.CouldNotScan;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"error: internal error: {ex.GetType().Name}: {TerminalText.Clean(ex.Message)}");
            if (level <= LogLevel.Debug)
                Console.Error.WriteLine(ex);
            else
                Console.Error.WriteLine("(run with --verbose for details)");
            return ExitCodes.InternalError;
        }
    }
}
