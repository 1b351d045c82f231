using Grpc.Net.Client;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Support.Cluster;

/// <summary>
/// A coordinator and workers as separate processes on the lab's RabbitMQ and Redis, each test
/// with its own Redis prefix (fresh batch state, cache and probe counts) and the same queues.
/// </summary>
internal sealed class LabCluster : IAsyncDisposable
{
    private readonly ClusterLab _lab;
    private readonly Dictionary<string, string> _environment;
    private readonly List<ServiceProcess> _workers = [];
    private readonly List<ServiceProcess> _otherCoordinators = [];
    private readonly List<string> _flags = [];
    private string _profile = LabEnvironment.ProfilePath;
    private GrpcChannel? _channel;

    private LabCluster(ClusterLab lab)
    {
        _lab = lab;
        Prefix = $"test-{Guid.NewGuid():N}:";
        _environment = new Dictionary<string, string>
        {
            ["MAILSCAN__Cluster__RedisPrefix"] = Prefix,
            ["MAILSCAN__Cluster__CoordinatorId"] = "lab-test-coordinator",
            ["NO_COLOR"] = "1",
        };
    }

    /// <summary>The Redis key prefix of this cluster.</summary>
    public string Prefix { get; }

    public ServiceProcess? Coordinator { get; private set; }

    public IReadOnlyList<ServiceProcess> Workers => _workers;

    public string Url => $"http://{_lab.Net}.50.1:5080";

    /// <summary>The coordinator's HTTP/1.1 endpoint for REST clients (--http-listen): Internet.nl's batch API.</summary>
    public string RestUrl => $"http://{_lab.Net}.50.1:5082";

    /// <summary>The coordinator's HTTP/1.1 endpoint: health and /metrics.</summary>
    public string CoordinatorHealth => $"http://{_lab.Net}.50.1:5081";

    /// <summary>Coordinator <paramref name="number"/>'s HTTP/1.1 endpoint (1: <see cref="CoordinatorHealth"/>).</summary>
    public string CoordinatorHealthOf(int number) => $"http://{_lab.Net}.50.{number}:5081";

    /// <summary>Worker <paramref name="number"/>'s HTTP/1.1 endpoint: health and /metrics.</summary>
    public string WorkerHealth(int number) => $"http://{_lab.Net}.51.{number}:5081";

    public V1.MailScanService.MailScanServiceClient Client => new(_channel ??= GrpcChannel.ForAddress(Url));

    /// <summary>
    /// Starts a coordinator and <paramref name="workers"/> workers; <paramref name="flags"/> go to every process after the profile, and override it (e.g. --resolver).
    /// <paramref name="profile"/> replaces the lab's profile, for settings the profile would override in the environment.
    /// </summary>
    public static async Task<LabCluster> StartAsync(ClusterLab lab, int workers, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? flags = null, string? profile = null)
    {
        var cluster = new LabCluster(lab);
        cluster._flags.AddRange(flags ?? []);
        cluster._profile = profile ?? cluster._profile;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            cluster._environment[key] = value;
        await cluster.StartCoordinatorAsync();
        for (var i = 1; i <= workers; i++)
            await cluster.StartWorkerAsync(i);
        return cluster;
    }

    public async Task StartCoordinatorAsync()
    {
        var health = CoordinatorHealth;
        Coordinator = ServiceProcess.Start("coordinator", [.. Common(), "coordinator", "--listen", Url, "--health-listen", health, "--http-listen", RestUrl], _environment);
        await WaitReadyAsync(Coordinator, health);
    }

    /// <summary>
    /// Another coordinator of the same cluster (the same RabbitMQ, Redis and prefix) under an id of
    /// its own, gRPC on <c>.50.<paramref name="number"/></c>: it runs batches submitted to any of them.
    /// </summary>
    public async Task StartAnotherCoordinatorAsync(int number)
    {
        var environment = new Dictionary<string, string>(_environment) { ["MAILSCAN__Cluster__CoordinatorId"] = $"lab-test-coordinator-{number}" };
        var health = CoordinatorHealthOf(number);
        var coordinator = ServiceProcess.Start($"coordinator {number}", [.. Common(), "coordinator", "--listen", $"http://{_lab.Net}.50.{number}:5080", "--health-listen", health], environment);
        _otherCoordinators.Add(coordinator);
        await WaitReadyAsync(coordinator, health);
    }

    public async Task StartWorkerAsync(int number)
    {
        var health = WorkerHealth(number);
        // No --kinds: every probe family there is, so a family a category adds is served without a change here.
        var worker = ServiceProcess.Start($"worker {number}", [.. Common(), "worker", "--health-listen", health], _environment);
        _workers.Add(worker);
        await WaitReadyAsync(worker, health);
    }

    private string[] Common() => ["--profile", _profile, "--rabbitmq", _lab.RabbitMq, "--redis", _lab.Redis, .. _flags];

    /// <summary>Waits until the process answers /readyz on its health endpoint.</summary>
    public static async Task WaitReadyAsync(ServiceProcess process, string health)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{process.Name} exited:\n{process.Output}");
            try
            {
                if ((await http.GetAsync($"{health}/readyz")).IsSuccessStatusCode)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{process.Name} was not ready within 90 s:\n{process.Output}");
    }

    /// <summary>Removes this cluster's keys from the lab's Redis, so test runs do not pile up there.</summary>
    private async Task ForgetAsync()
    {
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_lab.Redis);
        var server = redis.GetServers()[0];
        var keys = new List<StackExchange.Redis.RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: Prefix + "*"))
            keys.Add(key);
        foreach (var chunk in keys.Chunk(500))
            await redis.GetDatabase().KeyDeleteAsync(chunk);
    }

    /// <summary>Everything the processes printed, for a failing assertion.</summary>
    public string Logs() =>
        string.Join("\n", new[] { Coordinator }.Concat(_otherCoordinators).Concat(_workers).OfType<ServiceProcess>().Select(p => $"--- {p.Name}\n{Tail(p.Output)}"));

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    public async ValueTask DisposeAsync()
    {
        await ForgetAsync();
        _channel?.Dispose();
        foreach (var process in _workers.Concat(_otherCoordinators).Prepend(Coordinator).OfType<ServiceProcess>())
            await process.DisposeAsync();
    }
}
