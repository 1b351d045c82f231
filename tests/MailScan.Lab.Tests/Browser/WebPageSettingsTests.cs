namespace MailScan.Lab.Tests.Browser;

/// <summary>`--web` without a port for it stops at start with the keys to set, before anything listens.</summary>
public sealed class WebPageSettingsTests
{
    [Fact]
    public async Task The_web_page_without_an_http_listener_is_refused_with_the_setting_to_give()
    {
        var result = await CliProcess.RunAsync(["serve", "--web", "--profile", LabEnvironment.ProfilePath]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Web:Enabled (--web): the web page needs an HTTP/1.1 port, Cluster:HttpListen (--http-listen URL)", result.Stderr);
    }
}
