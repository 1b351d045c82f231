using Google.Protobuf;
using MailScan.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Web;

/// <summary>
/// The permalinks of a cluster: each report in Redis (protobuf bytes under web:report:ID) for
/// Web:ReportRetention, so every coordinator behind a load balancer finds it and a restart keeps it.
/// </summary>
public sealed class RedisReportArchive(IConnectionMultiplexer redis, RedisKeys keys, IOptions<WebOptions> web) : IReportArchive
{
    private readonly TimeSpan _retention = web.Value.ReportRetention;

    public async Task<string> KeepAsync(V1.DomainReport report, CancellationToken cancellationToken)
    {
        var id = MemoryReportArchive.NewId();
        await redis.GetDatabase().StringSetAsync(keys.WebReport(id), report.ToByteArray(), _retention).ConfigureAwait(false);
        return id;
    }

    public async Task<V1.DomainReport?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var value = await redis.GetDatabase().StringGetAsync(keys.WebReport(id)).ConfigureAwait(false);
        return value.IsNull ? null : V1.DomainReport.Parser.ParseFrom((byte[])value!);
    }
}
