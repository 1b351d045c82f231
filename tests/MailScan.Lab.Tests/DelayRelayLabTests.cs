using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace MailScan.Lab.Tests;

/// <summary>
/// The lab's delay relay (LabServers relay=, behind `deploy/lab/cluster up N --rtt MS`) in front
/// of the lab's real name server and mail server: a DNS question over UDP and over TCP, and an
/// SMTP greeting, each take at least the configured round trip, and a slow greeting its extra
/// seconds on top; what crosses the relay arrives unchanged.
/// </summary>
public sealed class DelayRelayLabTests
{
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(300);

    /// <summary>A timer may fire up to a tick of the system clock before its time, so the relay's waits can end a few milliseconds short.</summary>
    private static readonly TimeSpan TimerTick = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Dns_over_udp_and_tcp_and_an_smtp_greeting_cross_the_relay_no_faster_than_its_round_trip()
    {
        var front = LabHosts.V4("ns1").Replace(".53.11", ".203.99", StringComparison.Ordinal);
        var dnsPort = FreePort();
        var smtpPort = FreePort();
        var slowPort = FreePort();
        await using var relay = Relay(
            $"relay={front}:{dnsPort}>{LabHosts.V4("ns1")}:53,udp,tcp",
            $"relay={front}:{smtpPort}>{LabHosts.V4("mx-v4only")}:25",
            $"relay={front}:{slowPort}>{LabHosts.V4("mx-v4only")}:25,slow=1");
        await WaitListeningAsync(front, dnsPort, relay);

        foreach (var tcp in new[] { false, true })
        {
            var client = new LookupClient(new LookupClientOptions(new NameServer(IPAddress.Parse(front), dnsPort))
            {
                UseTcpOnly = tcp, UseCache = false, Retries = 0, Timeout = TimeSpan.FromSeconds(10),
            });
            var clock = Stopwatch.StartNew();
            var answer = await client.QueryAsync("ipv6-good.test", QueryType.SOA);
            Assert.True(clock.Elapsed >= RoundTrip - TimerTick, $"{(tcp ? "TCP" : "UDP")}: answered in {clock.Elapsed.TotalMilliseconds} ms");
            Assert.False(answer.HasError, answer.ErrorMessage);
            Assert.Single(answer.Answers.SoaRecords());
        }

        var (greeting, elapsed) = await GreetingAsync(front, smtpPort);
        Assert.StartsWith("220 ", greeting);
        // The handshake's round trip, then the greeting's way back.
        Assert.True(elapsed >= RoundTrip * 1.5 - TimerTick, $"greeting after {elapsed.TotalMilliseconds} ms");
        var (slowGreeting, slowElapsed) = await GreetingAsync(front, slowPort);
        Assert.Equal(greeting, slowGreeting);
        Assert.True(slowElapsed >= RoundTrip * 1.5 + TimeSpan.FromSeconds(1) - TimerTick, $"slow greeting after {slowElapsed.TotalMilliseconds} ms");
    }

    private static async Task<(string Line, TimeSpan Elapsed)> GreetingAsync(string address, int port)
    {
        var clock = Stopwatch.StartNew();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Parse(address), port);
        using var reader = new StreamReader(client.GetStream());
        var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (line ?? string.Empty, clock.Elapsed);
    }

    private static ServiceProcess Relay(params string[] relays)
    {
        var labServers = Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "lab", ".state", "labservers", "bin", "LabServers.dll");
        Assert.True(File.Exists(labServers), $"{labServers} is missing: deploy/lab/up builds it");
        return ServiceProcess.StartAssembly("relay", labServers, ["--rtt", $"{RoundTrip.TotalMilliseconds}", "--jitter", "0", .. relays], new Dictionary<string, string>());
    }

    private static async Task WaitListeningAsync(string address, int port, ServiceProcess relay)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Parse(address), port);
                return;
            }
            catch (SocketException)
            {
                Assert.False(relay.HasExited, relay.Output);
                await Task.Delay(100);
            }
        }
        Assert.Fail($"the relay does not listen on {address}:{port}\n{relay.Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
