namespace MailScan.Checks.Options;

/// <summary>How the processes of a cluster find each other, and the limits of batches.</summary>
public sealed class ClusterOptions
{
    /// <summary>RabbitMQ as rabbitmq://user:password@host:port/vhost; empty means the in-memory bus of one process.</summary>
    public string? RabbitMq { get; set; }

    /// <summary>Redis as a StackExchange.Redis configuration (host:port,password=...); empty means in-memory state.</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of every Redis key, so several clusters can share one Redis.</summary>
    public string RedisPrefix { get; set; } = "mailscan:";

    /// <summary>The coordinator's gRPC endpoint (HTTP/2 without TLS).</summary>
    public string Listen { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Health (/healthz, /readyz) and Prometheus metrics (/metrics) over HTTP/1.1; empty for none.</summary>
    public string? HealthListen { get; set; }

    /// <summary>The coordinator's HTTP/1.1 endpoint for people and REST clients (the web page, the batch REST API); empty for none.</summary>
    public string? HttpListen { get; set; }

    /// <summary>Names this coordinator's claims on batch domains; a restarted coordinator with the same id takes its domains back at once.</summary>
    public string? CoordinatorId { get; set; }

    /// <summary>Probes one worker process runs at the same time, per queue.</summary>
    public int WorkerConcurrency { get; set; } = 16;

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
}
