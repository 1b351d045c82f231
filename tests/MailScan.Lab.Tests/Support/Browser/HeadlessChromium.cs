using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MailScan.Lab.Tests.Support.Browser;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol on a WebSocket: open a page,
/// run script in it, wait for the DOM, take a screenshot. One page per instance; a private
/// profile directory that goes with it.
/// </summary>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonObject>> _waiting = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Starts Chromium with a window of <paramref name="width"/> CSS pixels; requests for <paramref name="blockedUrls"/> (patterns with *) fail, as for a browser without that script.</summary>
    public static async Task<HeadlessChromium> StartAsync(IReadOnlyList<string>? blockedUrls = null, int width = 1100)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: deploy/lab/up installs the Debian package chromium");
        var profile = Directory.CreateTempSubdirectory("mailscan-chromium-").FullName;
        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                     $"--user-data-dir={profile}", $"--window-size={width},900", "about:blank" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var browser = new HeadlessChromium(process, profile);
        var endpoint = await DevToolsEndpointAsync(process);
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://{endpoint}/json/list"))!.AsArray();
        var page = targets.Select(t => t!.AsObject()).First(t => (string?)t["type"] == "page");
        await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        browser._reading = browser.ReadAsync();
        await browser.SendAsync("Page.enable");
        await browser.SendAsync("Runtime.enable");
        // The axe-core check runs as injected script; the pages' policy allows scripts of their own origin only.
        await browser.SendAsync("Page.setBypassCSP", new JsonObject { ["enabled"] = true });
        if (blockedUrls is { Count: > 0 })
        {
            await browser.SendAsync("Network.enable");
            await browser.SendAsync("Network.setBlockedURLs", new JsonObject { ["urls"] = new JsonArray([.. blockedUrls.Select(u => (JsonNode)u)]) });
        }
        return browser;
    }

    /// <summary>Opens <paramref name="url"/> and waits until the document has loaded.</summary>
    public async Task OpenAsync(string url)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await WaitForAsync($"document.readyState === 'complete' && location.href !== 'about:blank'", TimeSpan.FromSeconds(60));
    }

    /// <summary>The value of a JavaScript expression in the page (promises awaited), as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is JsonObject exception)
            throw new InvalidOperationException($"script failed: {exception.ToJsonString()}");
        return result["result"]?["value"]?.DeepClone();
    }

    /// <summary>Waits until <paramref name="expression"/> is true in the page, looking again every 200 ms.</summary>
    public async Task WaitForAsync(string expression, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                if (await EvaluateAsync($"Boolean({expression})") is JsonValue value && value.GetValue<bool>())
                    return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < until)
            {
                // A navigation destroyed the context the expression ran in; ask the new page.
            }
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"the page never satisfied `{expression}` within {limit.TotalSeconds} s; it shows:\n{await EvaluateAsync("document.body ? document.body.innerText.slice(0, 3000) : ''")}");
            await Task.Delay(200);
        }
    }

    /// <summary>A PNG of the page from its top, down to its end or <paramref name="maxHeight"/> pixels, written to <paramref name="path"/>.</summary>
    public async Task ScreenshotAsync(string path, int width = 1100, int maxHeight = 2400)
    {
        var height = (await EvaluateAsync("Math.ceil(document.documentElement.scrollHeight)"))!.GetValue<double>();
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = (int)Math.Min(height, maxHeight), ["deviceScaleFactor"] = 1, ["mobile"] = false });
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String((string)shot["data"]!));
        await SendAsync("Emulation.clearDeviceMetricsOverride");
    }

    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null)
    {
        TaskCompletionSource<JsonObject> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_waiting)
        {
            id = ++_nextId;
            _waiting[id] = answer;
        }
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await answer.Task.WaitAsync(CommandTimeout);
        if (reply["error"] is JsonObject error)
            throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return reply["result"]?.AsObject() ?? new JsonObject();
    }

    /// <summary>Hands each reply to the command that waits for it; events are not needed and dropped.</summary>
    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var chunk = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (chunk.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, chunk.Count);
                if (!chunk.EndOfMessage)
                    continue;
                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is JsonValue idValue)
                {
                    TaskCompletionSource<JsonObject>? waiting;
                    lock (_waiting)
                        _waiting.Remove(idValue.GetValue<int>(), out waiting);
                    waiting?.TrySetResult(json);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The browser went away or we closed it.
        }
    }

    /// <summary>The host:port of the DevTools server, from the line Chromium prints on stderr when it listens.</summary>
    private static async Task<string> DevToolsEndpointAsync(Process process)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new StringBuilder();
        while (await process.StandardError.ReadLineAsync(limit.Token) is { } line)
        {
            seen.AppendLine(line);
            if (Listening().Match(line) is { Success: true } match)
            {
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return match.Groups[1].Value;
            }
        }
        throw new InvalidOperationException($"chromium did not start its DevTools server:\n{seen}");
    }

    [GeneratedRegex(@"DevTools listening on ws://([^/]+)/")]
    private static partial Regex Listening();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        finally
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
            _socket.Dispose();
            _stop.Dispose();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium's last writes may race the delete; a temporary directory is left at worst.
            }
        }
    }
}
