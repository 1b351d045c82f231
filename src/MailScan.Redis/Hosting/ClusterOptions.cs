using MailScan.Parsing;
using MailScan.Tls;

namespace MailScan.Redis.Hosting;

/// <summary>How the processes of a cluster find each other, and the limits of batches.</summary>
public sealed class ClusterOptions
{
    /// <summary>RabbitMQ as rabbitmq://user:password@host:port/vhost (amqps:// or rabbitmqs:// for TLS); empty means the in-memory bus of one process.</summary>
    public string? RabbitMq { get; set; }

    /// <summary>PEM CA certificate(s) that RabbitMQ's TLS certificate must chain to, instead of the system's roots (amqps only).</summary>
    public string? RabbitMqCaFile { get; set; }

    /// <summary>Redis as a StackExchange.Redis configuration (host:port,user=...,password=...,ssl=true) or a URL redis[s]://user:password@host:port; empty means in-memory state.</summary>
    public string? Redis { get; set; }

    /// <summary>PEM CA certificate(s) that Redis's TLS certificate must chain to, instead of the system's roots (rediss or ssl=true only).</summary>
    public string? RedisCaFile { get; set; }

    /// <summary>Prefix of every Redis key, so several clusters can share one Redis.</summary>
    public string RedisPrefix { get; set; } = "mailscan:";

    /// <summary>The coordinator's gRPC endpoint: http:// for HTTP/2 without TLS, https:// with ListenCertificateFile and ListenKeyFile.</summary>
    public string Listen { get; set; } = "http://127.0.0.1:5080";

    /// <summary>PEM certificate (with its chain) of the gRPC endpoint when Listen is https://.</summary>
    public string? ListenCertificateFile { get; set; }

    /// <summary>PEM private key of ListenCertificateFile.</summary>
    public string? ListenKeyFile { get; set; }

    /// <summary>PEM CA certificate(s); when set, every client must present a certificate issued under one of them (mutual TLS).</summary>
    public string? ListenClientCaFile { get; set; }

    /// <summary>Lets a coordinator without API keys listen beyond loopback (`--insecure-open`): anyone who reaches the port may scan through it.</summary>
    public bool InsecureOpen { get; set; }

    /// <summary>Health (/healthz, /readyz) and Prometheus metrics (/metrics) over HTTP/1.1; empty for none.</summary>
    public string? HealthListen { get; set; }

    /// <summary>The coordinator's HTTP/1.1 endpoint for people and REST clients (the web page, the batch REST API); empty for none.</summary>
    public string? HttpListen { get; set; }

    /// <summary>Names this coordinator's claims on batch domains; a restarted coordinator with the same id takes its domains back at once.</summary>
    public string? CoordinatorId { get; set; }

    /// <summary>Probes one worker process runs at the same time, per queue.</summary>
    public int WorkerConcurrency { get; set; } = 16;

    /// <summary>
    /// Probes a worker takes on beside <see cref="WorkerConcurrency"/> on a queue whose probes wait out
    /// strict servers: a waiting evaluation gives its working slot up, so this many may wait at once
    /// without holding the fast ones back.
    /// </summary>
    public int WorkerStrictWaits { get; set; } = 32;

    /// <summary>Messages RabbitMQ hands a worker ahead of time, per queue.</summary>
    public int WorkerPrefetch { get; set; } = 32;

    /// <summary>Redeliveries of a probe message whose consumer faulted, with back-off, before it goes to the error queue.</summary>
    public int WorkerRetries { get; set; } = 3;

    /// <summary>How long a worker may take to answer a probe on top of the probe's own limit (queueing, the bus).</summary>
    public TimeSpan BusMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a process asks Redis whether the cluster's VRP set has a new version (only a changed one is loaded).</summary>
    public TimeSpan VrpPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a coordinator asks RabbitMQ whether every probe queue it sends to has a consumer.</summary>
    public TimeSpan ConsumerCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most names one batch may hold.</summary>
    public long BatchMaxNames { get; set; } = 10_000_000;

    /// <summary>How long a finished (completed or cancelled) batch and its result log stay readable in Redis.</summary>
    public TimeSpan BatchRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Directory that server-side batch files are read from; empty refuses file submissions.</summary>
    public string? BatchInputDirectory { get; set; }

    /// <summary>The largest server-side batch file read, in bytes.</summary>
    public long BatchFileMaxBytes { get; set; } = 1L << 30;

    /// <summary>Every problem of these settings, one line each with its key.</summary>
    public IEnumerable<string> Errors()
    {
        // The value is never echoed: it may hold a password.
        if (!string.IsNullOrWhiteSpace(RabbitMq) && !(Uri.TryCreate(RabbitMq, UriKind.Absolute, out var bus) && bus.Scheme is "rabbitmq" or "amqp" or "rabbitmqs" or "amqps"))
            yield return "Cluster:RabbitMq (--rabbitmq): not a URL such as rabbitmq://USER:PASSWORD@127.0.0.1:5672/ or amqps://USER:PASSWORD@HOST:5671/ (the value is not shown: it may hold a password)";
        if (!string.IsNullOrWhiteSpace(Redis) && ConnectionSecrets.IsRedisUrl(Redis) && !(Uri.TryCreate(Redis, UriKind.Absolute, out var redis) && redis.Port > 0))
            yield return "Cluster:Redis (--redis): not a URL such as rediss://USER:PASSWORD@HOST:6380 (the value is not shown: it may hold a password)";
        if (!string.IsNullOrWhiteSpace(Listen) && !(Uri.TryCreate(Listen, UriKind.Absolute, out var listen) && listen.Scheme is "http" or "https" && listen.Port > 0))
            yield return $"Cluster:Listen (--listen): '{Listen}' is not a URL such as http://127.0.0.1:5080 or https://0.0.0.0:5443";
        if (!string.IsNullOrWhiteSpace(HealthListen) && !(Uri.TryCreate(HealthListen, UriKind.Absolute, out var health) && health.Scheme == "http" && health.Port > 0))
            yield return $"Cluster:HealthListen: '{HealthListen}' is not a URL such as http://127.0.0.1:8080";
        if (!string.IsNullOrWhiteSpace(HttpListen) && !(Uri.TryCreate(HttpListen, UriKind.Absolute, out var http) && http.Scheme == "http" && http.Port > 0))
            yield return $"Cluster:HttpListen (--http-listen): '{HttpListen}' is not a URL such as http://127.0.0.1:5082";
        foreach (var (key, path) in new[] { ("Cluster:RabbitMqCaFile", RabbitMqCaFile), ("Cluster:RedisCaFile", RedisCaFile) })
        {
            if (string.IsNullOrWhiteSpace(path))
                continue;
            if (!File.Exists(path))
                yield return $"{key}: file '{path}' does not exist";
            else if (TrustRootFile.Problem(path) is { } problem)
                yield return $"{key}: {problem}";
        }
        if (BatchFileMaxBytes < 1)
            yield return $"Cluster:BatchFileMaxBytes: {BatchFileMaxBytes} is not a positive number of bytes";
        if (WorkerConcurrency is < 1 or > 1000)
            yield return $"Cluster:WorkerConcurrency: {WorkerConcurrency} is out of range (1-1000)";
        if (WorkerStrictWaits is < 0 or > 10_000)
            yield return $"Cluster:WorkerStrictWaits: {WorkerStrictWaits} is out of range (0-10000)";
        if (WorkerPrefetch is < 1 or > 10_000)
            yield return $"Cluster:WorkerPrefetch: {WorkerPrefetch} is out of range (1-10000)";
        if (WorkerRetries is < 0 or > 20)
            yield return $"Cluster:WorkerRetries: {WorkerRetries} is out of range (0-20)";
        foreach (var error in SettingRange.Positive("Cluster:BusMargin", BusMargin, TimeSpan.FromHours(1)))
            yield return error;
        foreach (var error in SettingRange.Positive("Cluster:BatchRetention", BatchRetention, TimeSpan.FromDays(3650)))
            yield return error;
        foreach (var error in SettingRange.Positive("Cluster:VrpPollInterval", VrpPollInterval, TimeSpan.FromDays(1)))
            yield return error;
        foreach (var error in SettingRange.Positive("Cluster:ConsumerCheckInterval", ConsumerCheckInterval, TimeSpan.FromHours(1)))
            yield return error;
        if (BatchMaxNames is < 1 or > 1_000_000_000)
            yield return $"Cluster:BatchMaxNames: {BatchMaxNames} is out of range (1-1000000000)";
        if (!string.IsNullOrWhiteSpace(BatchInputDirectory) && !Directory.Exists(BatchInputDirectory))
            yield return $"Cluster:BatchInputDirectory: directory '{BatchInputDirectory}' does not exist";
    }

    /// <summary>
    /// For a process that serves gRPC, once its flags are applied: https:// needs a certificate and
    /// its key; a certificate, a key or a client CA without https:// would be ignored, so each is an error.
    /// </summary>
    public IEnumerable<string> ListenTlsErrors()
    {
        var https = Listen.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        var files = new[] { ("Cluster:ListenCertificateFile", ListenCertificateFile), ("Cluster:ListenKeyFile", ListenKeyFile), ("Cluster:ListenClientCaFile", ListenClientCaFile) };
        foreach (var (key, path) in files)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                if (https && key != "Cluster:ListenClientCaFile")
                    yield return $"{key}: an https:// Cluster:Listen (--listen) needs a PEM certificate and its key";
            }
            else if (!https)
                yield return $"{key}: set, but Cluster:Listen (--listen) '{Listen}' is not https://";
            else if (!File.Exists(path))
                yield return $"{key}: file '{path}' does not exist";
            else if (key == "Cluster:ListenClientCaFile" && TrustRootFile.Problem(path) is { } problem)
                yield return $"{key}: {problem}";
        }
    }
}
