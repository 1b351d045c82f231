using System.CommandLine;
using MailScan.Checks.Input;
using MailScan.Checks.Scanning;
using MailScan.Cli.Configuration;
using MailScan.Cli.Output;
using MailScan.Coordinator.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Cli.Commands;

/// <summary><c>mailscan scan DOMAIN</c>: the whole mail test of one domain, embedded.</summary>
internal static class ScanCommand
{
    public static Command Create(GlobalOptions global)
    {
        var domain = new Argument<string>("domain") { Description = "the mail domain (or an e-mail address) to test, e.g. example.nl" };
        var json = new Option<bool>("--json") { Description = "print the report as JSON (the protobuf JSON mapping of DomainReport)" };
        var ids = new Option<bool>("--ids") { Description = "show each sub-test's id (as in --json and Internet.nl's batch API) beside its label" };
        var command = new Command("scan", "Run the mail test for one domain and print its report") { domain, json, ids };
        command.SetAction((result, cancellationToken) => RunAsync(global, result, result.GetValue(domain)!, result.GetValue(json), result.GetValue(ids), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(GlobalOptions global, ParseResult result, string input, bool json, bool ids, CancellationToken cancellationToken)
    {
        var (domain, nameError) = DomainName.FromInput(input);
        if (domain is null)
            return Fail(ExitCodes.BadInput, nameError!.Reason);

        var settings = CliRun.LoadOptions(global, result, out var exit);
        if (settings is null)
            return exit;

        return await CliRun.GuardAsync(global.LogLevel(result), async () =>
        {
            using var host = await EmbeddedHost.StartAsync(settings, global.LogLevel(result), cancellationToken).ConfigureAwait(false);
            var scanner = host.Services.GetRequiredService<DomainScanner>();
            var printer = new ReportPrinter(Console.Out, new TextReportStyle(global.Colour(result), ids));
            if (!json)
                printer.Header(domain.Ascii, ScanReport.ScannerVersion);
            try
            {
                await foreach (var step in scanner.ScanAsync(domain, cancellationToken).ConfigureAwait(false))
                {
                    switch (step)
                    {
                        case ServersDiscovered { Servers.DomainMissing: true }:
                            return Fail(ExitCodes.BadInput, $"{domain} does not exist (NXDOMAIN)");
                        case CategoryCompleted category when !json:
                            printer.Category(ReportMapper.ToProto(category.Category));
                            break;
                        case ScanCompleted done when json:
                            Console.Out.WriteLine(ReportMapper.ToJson(ReportMapper.ToProto(done.Report)));
                            break;
                        case ScanCompleted done:
                            printer.Footer(ReportMapper.ToProto(done.Report));
                            break;
                    }
                }
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            return ExitCodes.Scanned;
        }).ConfigureAwait(false);
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"error: {TerminalText.Clean(message)}");
        return code;
    }
}
