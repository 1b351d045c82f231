using System.CommandLine;
using MailScan.Checks.Input;
using MailScan.Checks.Scanning;
using MailScan.Cli.Lab;
using MailScan.Cli.Output;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Cli.Commands;

/// <summary><c>mailscan demo</c>: scans every domain of the lab catalogue and compares each verdict and score with the expected one.</summary>
internal static class DemoCommand
{
    public static Command Create(GlobalOptions global)
    {
        var catalogue = new Option<string>("--catalogue") { Description = "the lab catalogue", DefaultValueFactory = _ => "deploy/lab/catalogue.json", HelpName = "FILE" };
        var command = new Command("demo", "Scan the lab's catalogue of domains (bring the lab up first: deploy/lab/up)") { catalogue };
        command.SetAction((result, cancellationToken) => RunAsync(global, result, result.GetValue(catalogue)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(GlobalOptions global, ParseResult result, string cataloguePath, CancellationToken cancellationToken)
    {
        Catalogue catalogue;
        try
        {
            catalogue = Catalogue.Load(cataloguePath);
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        var options = CliRun.LoadOptions(global, result, out var exit);
        if (options is null)
            return exit;

        return await CliRun.GuardAsync(global.LogLevel(result), async () =>
        {
            using var host = await EmbeddedHost.StartAsync(options, global.LogLevel(result), cancellationToken).ConfigureAwait(false);
            var scanner = host.Services.GetRequiredService<DomainScanner>();
            var printer = new ReportPrinter(Console.Out, global.Colour(result));
            var mismatches = new List<string>();
            foreach (var entry in catalogue.Domains)
            {
                Console.Out.WriteLine(new string('=', 78));
                printer.Header(entry.Domain);
                if (entry.Purpose is { } purpose)
                    Console.Out.WriteLine($"Lab case: {purpose}");
                var report = await ScanAsync(scanner, entry.Domain, printer, cancellationToken).ConfigureAwait(false);
                mismatches.AddRange(entry.Mismatches(report).Select(m => $"{entry.Domain}: {m}"));
            }
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);

            Console.Out.WriteLine(new string('=', 78));
            if (mismatches.Count == 0)
            {
                Console.Out.WriteLine($"{catalogue.Domains.Count} lab domains scanned; every verdict and score is the one the catalogue expects.");
                return ExitCodes.Scanned;
            }
            Console.Out.WriteLine($"{catalogue.Domains.Count} lab domains scanned; {mismatches.Count} verdict(s) or score(s) differ from the catalogue:");
            foreach (var mismatch in mismatches)
                Console.Out.WriteLine($"  {mismatch}");
            return ExitCodes.InternalError;
        }).ConfigureAwait(false);
    }

    private static async Task<ScanReport> ScanAsync(DomainScanner scanner, string name, ReportPrinter printer, CancellationToken cancellationToken)
    {
        ScanReport? report = null;
        await foreach (var step in scanner.ScanAsync(DomainName.Parse(name), cancellationToken).ConfigureAwait(false))
        {
            if (step is CategoryCompleted category)
                printer.Category(category.Category);
            else if (step is ScanCompleted done)
                report = done.Report;
        }
        printer.Footer(report!);
        return report!;
    }
}
