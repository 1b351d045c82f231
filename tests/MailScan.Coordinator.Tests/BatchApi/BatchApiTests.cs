using System.Net;
using System.Text.Json.Nodes;
using MailScan.Coordinator.Tests.Access;
using MailScan.Coordinator.Tests.InternetNl;

namespace MailScan.Coordinator.Tests.BatchApi;

/// <summary>
/// Internet.nl's batch API v2 on the coordinator, in memory: Basic credentials map onto API keys,
/// a request belongs to its key, the status words, bodies and codes are Internet.nl's, and the
/// results validate against our schema of its results.
/// </summary>
public sealed class BatchApiTests
{
    private const string Alice = "alice-key-0123456789";
    private const string Bob = "bob-key-9876543210";

    private static Task<AccessTestHost> StartAsync(bool runBatches = false, int batches = 0, long namesPerDay = 0, double perSecond = 0, int burst = 1) =>
        AccessTestHost.StartAsync(AccessTestHost.Options(
            AccessTestHost.Key("alice", Alice, batches, namesPerDay, perSecond, burst),
            AccessTestHost.Key("bob", Bob)), runBatches);

    [Fact]
    public async Task Without_credentials_or_with_an_unknown_key_the_answer_is_401_with_a_basic_challenge()
    {
        await using var host = await StartAsync();
        foreach (var client in new[] { new BatchApiClient(host.Http(), null), new BatchApiClient(host.Http(), "not-a-key") })
        {
            var (status, body, response) = await client.SendAsync(HttpMethod.Get, "/requests");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.StartsWith("Basic ", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal("unauthorised", (string?)body!["error"]!["label"]);
        }
    }

    [Fact]
    public async Task A_registered_request_is_running_and_listed_for_its_key_and_unknown_to_another()
    {
        await using var host = await StartAsync();
        var alice = new BatchApiClient(host.Http(), Alice);
        var bob = new BatchApiClient(host.Http(), Bob);
        var first = await alice.RegisterAsync("a.example", "b.example", "a.example", "not a name");
        var second = await alice.RegisterAsync("c.example");

        var (status, body, _) = await alice.SendAsync(HttpMethod.Get, $"/requests/{first}?progress=true");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches("^[0-9]+\\.[0-9]+\\.[0-9]+$", (string?)body!["api_version"]);
        var request = body["request"]!;
        Assert.Matches("^[a-f0-9]{32}$", (string?)request["request_id"]);
        Assert.Equal(("test", "mail", "running", "0/2", 2), ((string?)request["name"], (string?)request["request_type"], (string?)request["status"], (string?)request["progress"], (int?)request["num_domains"]));
        Assert.Null(request["finished_date"]);

        var listed = (await alice.SendAsync(HttpMethod.Get, "/requests")).Body!["requests"]!.AsArray();
        Assert.Equal([second, first], listed.Select(r => (string?)r!["request_id"]));
        Assert.Single((await alice.SendAsync(HttpMethod.Get, "/requests?limit=1")).Body!["requests"]!.AsArray());
        Assert.Empty((await bob.SendAsync(HttpMethod.Get, "/requests")).Body!["requests"]!.AsArray());

        foreach (var path in new[] { $"/requests/{first}", $"/requests/{first}/results", $"/requests/{first}/results_technical", "/requests/0123456789abcdef0123456789abcdef" })
        {
            var (refused, error, _) = await bob.SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.NotFound, refused);
            Assert.Equal("unknown-request", (string?)error!["error"]!["label"]);
        }
        var (cancelByBob, _, _) = await bob.SendAsync(HttpMethod.Patch, $"/requests/{first}", """{"status":"cancelled"}""");
        Assert.Equal(HttpStatusCode.NotFound, cancelByBob);
        Assert.Equal("running", (string?)(await alice.SendAsync(HttpMethod.Get, $"/requests/{first}")).Body!["request"]!["status"]);
    }

    [Theory]
    [InlineData("""{"type":"mail"}""", "'domains' is missing")]
    [InlineData("""{"domains":["a.example"]}""", "'type' is missing")]
    [InlineData("""{"type":"web","domains":["a.example"]}""", "mail test only")]
    [InlineData("""{"type":"mail","domains":[]}""", "non-empty list")]
    [InlineData("""{"type":"mail","domains":"a.example"}""", "non-empty list")]
    [InlineData("""{"type":"mail","domains":["not a name"]}""", "invalid")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{type: mail", "not a JSON object")]
    public async Task A_registration_the_api_cannot_take_is_400_bad_request_saying_why(string json, string why)
    {
        await using var host = await StartAsync();
        var (status, body, _) = await new BatchApiClient(host.Http(), Alice).SendAsync(HttpMethod.Post, "/requests", json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("bad-request", (string?)body!["error"]!["label"]);
        Assert.Contains(why, (string?)body["error"]!["msg"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_are_refused_until_done_and_a_cancelled_request_stays_cancelled()
    {
        await using var host = await StartAsync();
        var alice = new BatchApiClient(host.Http(), Alice);
        var id = await alice.RegisterAsync("a.example");
        var (early, body, _) = await alice.SendAsync(HttpMethod.Get, $"/requests/{id}/results");
        Assert.Equal(HttpStatusCode.BadRequest, early);
        Assert.Contains("running", (string?)body!["error"]!["msg"], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await alice.SendAsync(HttpMethod.Patch, $"/requests/{id}", """{"status":"done"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.SendAsync(HttpMethod.Patch, $"/requests/{id}", "{}")).Status);
        var (cancelled, reply, _) = await alice.SendAsync(HttpMethod.Patch, $"/requests/{id}", """{"status":"cancelled"}""");
        Assert.Equal(HttpStatusCode.OK, cancelled);
        Assert.Equal("cancelled", (string?)reply!["request"]!["status"]);
        Assert.NotNull((string?)reply["request"]!["finished_date"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.SendAsync(HttpMethod.Get, $"/requests/{id}/results_technical")).Status);
    }

    [Fact]
    public async Task A_done_request_has_results_and_technical_results_for_every_domain()
    {
        await using var host = await StartAsync(runBatches: true);
        var alice = new BatchApiClient(host.Http(), Alice);
        var id = await alice.RegisterAsync("a.example", "b.example");
        var request = await alice.WaitDoneAsync(id);
        Assert.Equal(("done", "2/2"), ((string?)request["status"], (string?)request["progress"]));

        var (status, results, _) = await alice.SendAsync(HttpMethod.Get, $"/requests/{id}/results");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(BatchResultsSchema.Errors(results!));
        Assert.Equal(["a.example", "b.example"], results!["domains"]!.AsObject().Select(d => d.Key));
        Assert.Equal(id, (string?)results["request"]!["request_id"]);

        var (technicalStatus, technical, _) = await alice.SendAsync(HttpMethod.Get, $"/requests/{id}/results_technical");
        Assert.Equal(HttpStatusCode.OK, technicalStatus);
        Assert.Equal(["a.example", "b.example"], technical!["domains"]!.AsObject().Select(d => d.Key));
        Assert.All(technical["domains"]!.AsObject(), d => Assert.NotNull((string?)d.Value!["status"]));
    }

    [Fact]
    public async Task Quotas_and_request_rates_of_the_key_hold_with_429_and_say_which()
    {
        await using (var host = await StartAsync(batches: 1))
        {
            var alice = new BatchApiClient(host.Http(), Alice);
            await alice.RegisterAsync("a.example");
            var (status, body, _) = await alice.SendAsync(HttpMethod.Post, "/requests", """{"type":"mail","domains":["b.example"]}""");
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            Assert.Equal("over-quota", (string?)body!["error"]!["label"]);
            Assert.Contains("MaxConcurrentBatches", (string?)body["error"]!["msg"], StringComparison.Ordinal);
        }
        await using (var host = await StartAsync(perSecond: 0.001, burst: 1))
        {
            var alice = new BatchApiClient(host.Http(), Alice);
            Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(HttpMethod.Get, "/requests")).Status);
            var (status, body, response) = await alice.SendAsync(HttpMethod.Get, "/requests");
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            Assert.Equal("rate-limited", (string?)body!["error"]!["label"]);
            Assert.NotNull(response.Headers.RetryAfter);
        }
    }
}
