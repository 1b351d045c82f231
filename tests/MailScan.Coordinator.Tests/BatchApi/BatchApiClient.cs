using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MailScan.Coordinator.Tests.BatchApi;

/// <summary>Calls of the batch REST API as an Internet.nl client makes them: JSON bodies, HTTP Basic credentials.</summary>
internal sealed class BatchApiClient(HttpClient http, string? key)
{
    public const string Base = "/api/batch/v2";

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, Base + path);
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"registry:{key}")));
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public async Task<string> RegisterAsync(params string[] domains)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/requests", new JsonObject { ["type"] = "mail", ["name"] = "test", ["domains"] = new JsonArray([.. domains.Select(d => (JsonNode)d)]) }.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        return (string)body!["request"]!["request_id"]!;
    }

    /// <summary>Polls the request's status until it is no longer running (a bound on waiting, not an assertion on time).</summary>
    public async Task<JsonNode> WaitDoneAsync(string id)
    {
        for (var i = 0; i < 600; i++)
        {
            var (_, body, _) = await SendAsync(HttpMethod.Get, $"/requests/{id}?progress=true");
            if ((string?)body!["request"]!["status"] != "running")
                return body["request"]!;
            await Task.Delay(100);
        }
        throw new TimeoutException($"request {id} still running after a minute");
    }
}
