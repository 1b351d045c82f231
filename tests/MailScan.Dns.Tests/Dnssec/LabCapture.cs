using System.Text.Json;
using DnsClient;
using MailScan.Dns;
using MailScan.Dns.Dnssec;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Tests.Dnssec;

/// <summary>The captured lab answers (Captured/lab-answers.json, see its README): raw messages, the trust anchor, the time, the live verdicts.</summary>
internal sealed class LabCapture
{
    private LabCapture(long capturedUnix, TrustAnchors anchors, Dictionary<(string, ushort), byte[]> answers, Dictionary<(string, string), (string Status, string? Reason)> live)
    {
        CapturedUnix = capturedUnix;
        Anchors = anchors;
        Answers = answers;
        Live = live;
    }

    public static LabCapture Instance { get; } = Load(Path.Combine(AppContext.BaseDirectory, "Captured", "lab-answers.json"));

    public long CapturedUnix { get; }

    public DateTimeOffset Captured => DateTimeOffset.FromUnixTimeSeconds(CapturedUnix);

    public TrustAnchors Anchors { get; }

    /// <summary>Raw responses by question: name in lower case with the trailing dot, type number.</summary>
    public IReadOnlyDictionary<(string Name, ushort Type), byte[]> Answers { get; }

    /// <summary>The status and reason each scenario got on the live lab.</summary>
    public IReadOnlyDictionary<(string Name, string Type), (string Status, string? Reason)> Live { get; }

    /// <summary>The parsed response to a captured question.</summary>
    public DnsMessage Message(string name, QueryType type)
    {
        var (message, error) = DnsWireReader.Read(Answers[(Key(name), (ushort)type)]);
        return message ?? throw new InvalidOperationException(error!.ToString());
    }

    public static string Key(string name) => DnsName.Parse(name).ToString().ToLowerInvariant();

    private static LabCapture Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var (anchors, error) = TrustAnchors.Parse(root.GetProperty("anchor").GetString()!);
        var answers = root.GetProperty("answers").EnumerateArray().ToDictionary(
            a => (a.GetProperty("name").GetString()!, (ushort)a.GetProperty("type").GetInt32()),
            a => Convert.FromBase64String(a.GetProperty("wire").GetString()!));
        var live = root.GetProperty("scenarios").EnumerateArray().ToDictionary(
            s => (s.GetProperty("name").GetString()!, s.GetProperty("type").GetString()!),
            s => (s.GetProperty("status").GetString()!, s.GetProperty("reason").GetString()));
        return new LabCapture(root.GetProperty("capturedUnix").GetInt64(), anchors ?? throw new InvalidOperationException(error!.ToString()), answers, live);
    }
}
