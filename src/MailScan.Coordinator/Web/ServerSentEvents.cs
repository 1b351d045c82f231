using Microsoft.AspNetCore.Http;

namespace MailScan.Coordinator.Web;

/// <summary>A response as a stream of server-sent events: each event named, its data line by line, flushed at once.</summary>
public sealed class ServerSentEvents(HttpResponse response)
{
    private bool _started;

    public async Task SendAsync(string name, string data, CancellationToken cancellationToken)
    {
        if (!_started)
        {
            WebEndpoints.Secure(response);
            response.ContentType = "text/event-stream; charset=utf-8";
            _started = true;
        }
        var lines = data.Split('\n').Select(line => "data: " + line.TrimEnd('\r'));
        await response.WriteAsync($"event: {name}\n{string.Join('\n', lines)}\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
