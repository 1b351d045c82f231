using System.Net;
using System.Security.Cryptography;
using System.Text;
using MailScan.Lab.Tests.Support.Browser;

namespace MailScan.Lab.Tests.Browser;

/// <summary>The web page behind the same API keys and quotas as the gRPC API: the form asks for a key, refuses a scan without one, and counts each scan against the key's names per day.</summary>
public sealed class WebPageAccessTests
{
    [Fact]
    public async Task A_coordinator_with_keys_asks_for_one_and_charges_each_scan_to_its_daily_names()
    {
        const string key = "web-page-lab-key";
        await using var server = await WebPageServer.StartAsync("54.3", new Dictionary<string, string>
        {
            ["MAILSCAN__Access__Keys__0__Name"] = "web",
            ["MAILSCAN__Access__Keys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            ["MAILSCAN__Access__Keys__0__MaxNamesPerDay"] = "1",
        });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        Assert.Contains("name=\"key\" type=\"password\"", await http.GetStringAsync(server.Url + "/"));
        var withoutKey = await PostAsync(http, server, new() { ["domain"] = "ipv6-mx-dead.test" });
        var wrongKey = await PostAsync(http, server, new() { ["domain"] = "ipv6-mx-dead.test", ["key"] = "not-the-key" });
        var first = await PostAsync(http, server, new() { ["domain"] = "ipv6-mx-dead.test", ["key"] = key });
        var second = await PostAsync(http, server, new() { ["domain"] = "ipv6-mx-dead.test", ["key"] = key });

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Contains("asks for an API key", await withoutKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.StartsWith("/web/report/", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("MaxNamesPerDay", await second.Content.ReadAsStringAsync());
        // The permalink needs no key: its id is the secret.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(server.Url + first.Headers.Location!.OriginalString)).StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, WebPageServer server, Dictionary<string, string> form) =>
        http.PostAsync(server.Url + "/web/scan", new FormUrlEncodedContent(form));
}
