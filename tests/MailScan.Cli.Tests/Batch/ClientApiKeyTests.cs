using MailScan.Cli.Batch;

namespace MailScan.Cli.Tests.Batch;

public sealed class ClientApiKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mailscan-key-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string KeyFile(string text)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.key");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_key_file_wins_over_the_environment_and_loses_its_trailing_newline()
    {
        Assert.True(ClientApiKey.TryRead(KeyFile("s3cret-key\n"), "from-env", out var key, out _));
        Assert.Equal("s3cret-key", key);
    }

    [Fact]
    public void Without_a_file_the_environment_variable_is_the_key_and_without_either_there_is_none()
    {
        Assert.True(ClientApiKey.TryRead(null, " from-env ", out var key, out _));
        Assert.Equal("from-env", key);
        Assert.True(ClientApiKey.TryRead(null, null, out var none, out _));
        Assert.Null(none);
    }

    [Fact]
    public void A_missing_empty_or_multi_line_key_file_is_refused_without_showing_its_content()
    {
        Assert.False(ClientApiKey.TryRead(Path.Combine(_dir, "nope.key"), null, out _, out var missing));
        Assert.Contains("no file", missing);
        Assert.False(ClientApiKey.TryRead(KeyFile("\n"), null, out _, out var empty));
        Assert.Contains("must hold the key alone", empty);
        Assert.False(ClientApiKey.TryRead(KeyFile("first-secret\nsecond-secret\n"), null, out _, out var twoLines));
        Assert.DoesNotContain("secret", twoLines.Replace(_dir, "", StringComparison.Ordinal));
    }
}
