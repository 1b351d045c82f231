using MailScan.Cli.Stats;

namespace MailScan.Cli.Tests.Stats;

public sealed class ResultsFileReaderTests
{
    private const string Report = """{"domain":"a.nl","categories":[{"id":"mail_ipv6","status":"PASSED","tests":[{"id":"mail_ipv6_mx_address","status":"PASSED"}]}]}""";

    [Fact]
    public async Task A_truncated_line_and_a_line_that_is_not_json_are_skipped_with_their_numbers()
    {
        var table = new AdoptionTable();
        var file = string.Join('\n', Report, Report[..40], "", "not json at all", "[1, 2", Report);

        var skipped = await ResultsFileReader.ReadAsync(new StringReader(file), table.Add, CancellationToken.None);

        Assert.Equal([2L, 4L, 5L], skipped.Select(s => s.Line));
        Assert.All(skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        Assert.Equal(2, table.Domains);
    }
}
