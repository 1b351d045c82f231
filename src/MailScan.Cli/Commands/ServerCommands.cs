using System.CommandLine;
using MailScan.Cli.Configuration;
using MailScan.Cli.Hosting;
using MailScan.Redis.Hosting;
using MailScan.Worker.Bus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MailScan.Cli.Commands;

/// <summary><c>mailscan serve | coordinator | worker</c>: the long-running processes of a cluster.</summary>
internal static class ServerCommands
{
    public static IEnumerable<Command> Create(GlobalOptions global)
    {
        yield return Coordinating(global, "serve", ClusterRole.Serve,
            "Run the gRPC coordinator and the probe workers in one process (RabbitMQ and Redis optional)");
        yield return Coordinating(global, "coordinator", ClusterRole.Coordinator,
            "Run the gRPC coordinator; probes go over RabbitMQ to `mailscan worker` processes");
        yield return Worker(global);
    }

    private static Command Coordinating(GlobalOptions global, string name, ClusterRole role, string description)
    {
        var listen = new Option<string?>("--listen") { Description = "gRPC endpoint: http:// (HTTP/2 without TLS, default http://127.0.0.1:5080) or https:// with Cluster:ListenCertificateFile and ListenKeyFile", HelpName = "URL" };
        var healthListen = new Option<string?>("--health-listen") { Description = "HTTP/1.1 endpoint for /healthz and /readyz", HelpName = "URL" };
        var httpListen = new Option<string?>("--http-listen") { Description = "HTTP/1.1 endpoint for browsers and REST clients (off by default)", HelpName = "URL" };
        var id = new Option<string?>("--coordinator-id") { Description = "the name of this coordinator's claims on batch domains (default: the host name)", HelpName = "NAME" };
        var insecureOpen = new Option<bool>("--insecure-open") { Description = "listen beyond loopback without API keys: anyone who reaches the port may scan through this coordinator" };
        var web = new Option<bool>("--web") { Description = "serve the web page for people (a domain's live report) on --http-listen" };
        var command = new Command(name, description) { listen, healthListen, httpListen, id, insecureOpen, web };
        command.SetAction((result, cancellationToken) => RunAsync(global, result, role, ProbeQueues.Families, cancellationToken, settings =>
        {
            settings.Cluster.Listen = result.GetValue(listen) ?? settings.Cluster.Listen;
            settings.Cluster.HealthListen = result.GetValue(healthListen) ?? settings.Cluster.HealthListen;
            settings.Cluster.HttpListen = result.GetValue(httpListen) ?? settings.Cluster.HttpListen;
            settings.Cluster.CoordinatorId = result.GetValue(id) ?? settings.Cluster.CoordinatorId;
            settings.Cluster.InsecureOpen |= result.GetValue(insecureOpen);
            settings.Web.Enabled |= result.GetValue(web);
        }));
        return command;
    }

    private static Command Worker(GlobalOptions global)
    {
        var kinds = new Option<string>("--kinds") { Description = $"probe families to serve, comma-separated: {string.Join(",", ProbeQueues.Families)} (default: all)", HelpName = "LIST" };
        var healthListen = new Option<string?>("--health-listen") { Description = "HTTP/1.1 endpoint for /healthz and /readyz", HelpName = "URL" };
        var command = new Command("worker", "Run probe workers: consume the probe queues of the given families from RabbitMQ") { kinds, healthListen };
        command.SetAction((result, cancellationToken) =>
        {
            var families = Families(result.GetValue(kinds), out var error);
            if (families is null)
            {
                Console.Error.WriteLine($"error: --kinds: {error}");
                return Task.FromResult(ExitCodes.BadInput);
            }
            return RunAsync(global, result, ClusterRole.Worker, families, cancellationToken, settings =>
                settings.Cluster.HealthListen = result.GetValue(healthListen) ?? settings.Cluster.HealthListen);
        });
        return command;
    }

    /// <summary>The families named, or null with the reason when one is unknown.</summary>
    public static IReadOnlyList<string>? Families(string? list, out string error)
    {
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(list) || list.Trim() == "all")
            return ProbeQueues.Families;
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var unknown = names.Where(n => !ProbeQueues.Families.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            error = $"unknown probe famil{(unknown.Count == 1 ? "y" : "ies")} {string.Join(", ", unknown)}; known: {string.Join(", ", ProbeQueues.Families)}";
            return null;
        }
        return names;
    }

    private static async Task<int> RunAsync(
        GlobalOptions global, ParseResult result, ClusterRole role, IReadOnlyList<string> families, CancellationToken cancellationToken, Action<MailScanSettings> flags)
    {
        var settings = CliRun.LoadSettings(global, result, out var exit);
        if (settings is null)
            return exit;
        flags(settings);
        var problems = settings.Errors().ToList();
        if (role == ClusterRole.Worker && string.IsNullOrWhiteSpace(settings.Cluster.RabbitMq))
            problems.Add("Cluster:RabbitMq (--rabbitmq): a worker needs RabbitMQ to take probes from");
        if (role != ClusterRole.Worker && settings.Web.Enabled && string.IsNullOrWhiteSpace(settings.Cluster.HttpListen))
            problems.Add("Web:Enabled (--web): the web page needs an HTTP/1.1 port, Cluster:HttpListen (--http-listen URL)");
        if (role == ClusterRole.Coordinator && string.IsNullOrWhiteSpace(settings.Cluster.RabbitMq))
            problems.Add("Cluster:RabbitMq (--rabbitmq): a coordinator without workers in its process needs RabbitMQ (or run `mailscan serve`)");
        if (role != ClusterRole.Worker)
            problems.AddRange(settings.Cluster.ListenTlsErrors());
        if (role != ClusterRole.Worker && problems.Count == 0 && GrpcEndpoint.RefusalToOpen(settings) is { } refusal)
            problems.Add(refusal);
        if (problems.Count > 0)
        {
            Console.Error.WriteLine("error: invalid settings:");
            foreach (var problem in problems)
                Console.Error.WriteLine($"  {problem}");
            return ExitCodes.BadInput;
        }

        var level = result.GetValue(global.Verbose) ? LogLevel.Debug : LogLevel.Information;
        return await CliRun.GuardAsync(level, async () =>
        {
            using IHost host = ClusterHost.NeedsWebServer(settings, role)
                ? ClusterHost.Build(settings, level, role, families)
                : ClusterHost.BuildPlainWorker(settings, level, families);
            Console.Error.WriteLine(Describe(settings, role, families));
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Scanned;
        }).ConfigureAwait(false);
    }

    private static string Describe(MailScanSettings settings, ClusterRole role, IReadOnlyList<string> families)
    {
        var bus = string.IsNullOrWhiteSpace(settings.Cluster.RabbitMq) ? "in-memory bus" : $"RabbitMQ {ConnectionSecrets.RabbitMqEndpoint(settings.Cluster.RabbitMq)}";
        // The first endpoint only, never a user, a password or another option.
        var state = !string.IsNullOrWhiteSpace(settings.Cluster.Redis) ? $"Redis {ConnectionSecrets.RedisEndpoint(settings.Cluster.Redis)}"
            : role == ClusterRole.Worker ? "no Redis: the per-address connection limits hold in this process only"
            : "state in memory";
        var what = role switch
        {
            ClusterRole.Worker => $"worker for {string.Join(",", families)}",
            ClusterRole.Coordinator => $"coordinator on {settings.Cluster.Listen}",
            _ => $"coordinator on {settings.Cluster.Listen} with workers for {string.Join(",", families)}",
        };
        var web = role != ClusterRole.Worker && settings.Web.Enabled ? $"; web page on {settings.Cluster.HttpListen}" : string.Empty;
        var access = role == ClusterRole.Worker ? string.Empty
            : settings.Access.Keys.Count == 0 ? "; API open (no Access:Keys)" : $"; API keys: {string.Join(", ", settings.Access.Keys.Select(k => k.Name))}";
        return $"mailscan {what}; {bus}; {state}{access}{web}";
    }
}
