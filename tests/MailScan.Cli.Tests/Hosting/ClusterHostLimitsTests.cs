using MailScan.Cli.Configuration;
using MailScan.Cli.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Cli.Tests.Hosting;

/// <summary>The coordinator's web server takes its connection and stream limits from the options, not Kestrel's defaults.</summary>
public sealed class ClusterHostLimitsTests
{
    [Fact]
    public async Task Kestrel_limits_come_from_the_access_options()
    {
        var options = new MailScanSettings { Access = { MaxConnections = 321, MaxStreamsPerConnection = 7 } };
        await using var app = ClusterHost.Build(options, LogLevel.Warning, ClusterRole.Coordinator, []);

        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(321, limits.MaxConcurrentConnections);
        Assert.Equal(7, limits.Http2.MaxStreamsPerConnection);
    }
}
