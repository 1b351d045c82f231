using MailScan.Tls.Enumeration;

namespace MailScan.Lab.Tests;

/// <summary>
/// The evaluation of one address stays within 25 SMTP connections and counts them honestly: the
/// server's own log (each lab listener logs under its host name) is the witness.
/// </summary>
[Collection(ServerLogCountCollection.Name)]
public sealed class StartTlsConnectionCountTests
{
    [Theory]
    [InlineData("mx-good")]
    [InlineData("mx-tls-modern")]
    [InlineData("mx-tls-legacy")]
    [InlineData("mx-tls-weak")]
    [InlineData("mx-tls-dh1024")]
    public async Task A_verdict_evaluation_needs_at_most_25_connections_and_reports_the_true_count(string host)
    {
        var before = ServerConnections(host);
        var evidence = await StartTlsLabProbe.RunAsync(LabHosts.V4(host), EnumerationMode.Verdict);
        Assert.True(evidence.Tls?.Complete, string.Join("; ", evidence.Tls?.Notes ?? []));
        Assert.InRange(evidence.Connections, 2, 25);

        // Postfix writes its log through postlogd, a moment after the connection.
        var counted = 0;
        for (var attempt = 0; attempt < 50 && counted != evidence.Connections; attempt++)
        {
            await Task.Delay(100);
            counted = ServerConnections(host) - before;
        }
        Assert.Equal(evidence.Connections, counted);
    }

    private static int ServerConnections(string host)
    {
        var instance = int.TryParse(Environment.GetEnvironmentVariable("LAB_INSTANCE"), out var i) ? i : 0;
        var marker = $"mailscan-lab-{instance}/{host}/smtpd[";
        var log = Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "lab", ".state", "smtp", "maillog");
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal) && line.Contains("]: connect from ", StringComparison.Ordinal))
                count++;
        }
        return count;
    }
}
