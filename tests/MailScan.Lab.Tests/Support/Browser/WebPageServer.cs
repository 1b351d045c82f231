using MailScan.Lab.Tests.Support.Cluster;

namespace MailScan.Lab.Tests.Support.Browser;

/// <summary>
/// `mailscan serve --web` as the README shows it, on the lab (embedded: no RabbitMQ, no Redis),
/// on addresses of this lab instance: the web page on <see cref="Url"/>.
/// </summary>
internal sealed class WebPageServer : IAsyncDisposable
{
    private WebPageServer(ServiceProcess process, string url)
    {
        Process = process;
        Url = url;
    }

    public ServiceProcess Process { get; }

    /// <summary>The web page's base URL, without a trailing slash.</summary>
    public string Url { get; }

    /// <summary>Starts the README's command; <paramref name="host"/> (e.g. 54.1) picks the address under the instance's 127.(100+I) prefix.</summary>
    public static async Task<WebPageServer> StartAsync(string host, IReadOnlyDictionary<string, string>? environment = null)
    {
        var resolver = LabEnvironment.ResolverAddress();
        var address = $"{resolver[..resolver.IndexOf(".0.", StringComparison.Ordinal)]}.{host}";
        var url = $"http://{address}:8080";
        var health = $"http://{address}:5081";
        var args = ReadmeCommands.Arguments(ReadmeCommands.Find("./mailscan serve --web"), new Dictionary<string, string> { ["http://127.0.0.1:8080"] = url });
        args.AddRange(["--listen", $"http://{address}:5080", "--health-listen", health, "--profile", LabEnvironment.ProfilePath]);
        var settings = new Dictionary<string, string> { ["NO_COLOR"] = "1" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            settings[key] = value;
        var process = ServiceProcess.Start("serve --web", args, settings);
        await LabCluster.WaitReadyAsync(process, health);
        return new WebPageServer(process, url);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
