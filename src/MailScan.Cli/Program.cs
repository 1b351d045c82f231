using System.CommandLine;
using MailScan.Cli;
using MailScan.Cli.Commands;

var global = new GlobalOptions();
var root = new RootCommand("mailscan: how well is a domain's e-mail protected? The five categories of the Internet.nl mail test.");
foreach (var option in global.All())
    root.Options.Add(option);
root.Subcommands.Add(ScanCommand.Create(global));
root.Subcommands.Add(ScanListCommand.Create(global));
root.Subcommands.Add(DemoCommand.Create(global));
root.Subcommands.Add(BatchCommand.Create(global));
root.Subcommands.Add(StatsCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(ConvertCommand.Create());
foreach (var server in ServerCommands.Create(global))
    root.Subcommands.Add(server);

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("Run 'mailscan --help' for usage.");
    return ExitCodes.BadInput;
}
return await parsed.InvokeAsync();
