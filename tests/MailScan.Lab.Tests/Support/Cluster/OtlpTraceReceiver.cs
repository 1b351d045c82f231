using System.Net;
using Google.Protobuf;

namespace MailScan.Lab.Tests.Support.Cluster;

/// <summary>
/// A minimal OTLP/HTTP trace collector for tests: accepts ExportTraceServiceRequest posts on
/// /v1/traces and keeps each span's trace, ids, name, service and string attributes. It reads
/// the protobuf wire format by field number (opentelemetry-proto trace/v1), no generated code.
/// </summary>
internal sealed class OtlpTraceReceiver : IAsyncDisposable
{
    public sealed record Span(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);

    private readonly HttpListener _listener = new();
    private readonly List<Span> _spans = [];
    private readonly Task _serving;

    public OtlpTraceReceiver(string url)
    {
        Url = url;
        _listener.Prefixes.Add(url.EndsWith('/') ? url : url + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Url { get; }

    public IReadOnlyList<Span> Spans
    {
        get
        {
            lock (_spans)
                return [.. _spans];
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var spans = context.Request.Url?.AbsolutePath == "/v1/traces" ? Read(body.ToArray()) : [];
            lock (_spans)
                _spans.AddRange(spans);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static List<Span> Read(byte[] request)
    {
        var spans = new List<Span>();
        foreach (var resourceSpans in Fields(request, 1))
        {
            var service = Fields(resourceSpans, 1).SelectMany(r => Attributes(r, 1)).FirstOrDefault(a => a.Key == "service.name").Value ?? "";
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                foreach (var span in Fields(scopeSpans, 2))
                {
                    spans.Add(new Span(service,
                        Hex(Fields(span, 1).FirstOrDefault()), Hex(Fields(span, 2).FirstOrDefault()), Hex(Fields(span, 4).FirstOrDefault()),
                        Text(Fields(span, 5).FirstOrDefault()),
                        Attributes(span, 9).ToDictionary(a => a.Key, a => a.Value)));
                }
            }
        }
        return spans;
    }

    /// <summary>KeyValue messages (key 1, AnyValue 2 with string_value 1) in field <paramref name="field"/>.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Attributes(byte[] message, int field) =>
        Fields(message, field)
            .Select(kv => new KeyValuePair<string, string>(Text(Fields(kv, 1).FirstOrDefault()), Text(Fields(kv, 2).SelectMany(v => Fields(v, 1)).FirstOrDefault())))
            .DistinctBy(kv => kv.Key);

    /// <summary>The length-delimited values of one field of a message.</summary>
    private static List<byte[]> Fields(byte[] message, int field)
    {
        var values = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                values.Add(input.ReadBytes().ToByteArray());
            else
                input.SkipLastField();
        }
        return values;
    }

    private static string Hex(byte[]? bytes) => bytes is null ? "" : Convert.ToHexStringLower(bytes);

    private static string Text(byte[]? bytes) => bytes is null ? "" : System.Text.Encoding.UTF8.GetString(bytes);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
