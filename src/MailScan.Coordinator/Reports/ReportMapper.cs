using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MailScan.Checks.Discovery;
using MailScan.Checks.Scanning;
using MailScan.Checks.Verdicts;
using MailScan.Dns;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Reports;

/// <summary>Maps the scanner's report to the protobuf contract (and so to its JSON form).</summary>
public static class ReportMapper
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation("  "));

    /// <summary>The protobuf JSON mapping of a report, indented.</summary>
    public static string ToJson(IMessage message) => Formatter.Format(message);

    public static V1.DomainReport ToProto(ScanReport report)
    {
        var proto = new V1.DomainReport
        {
            Domain = report.Domain.Ascii,
            Input = report.Domain.Input,
            StartedAt = Timestamp.FromDateTimeOffset(report.StartedAt),
            Elapsed = Duration.FromTimeSpan(report.Elapsed),
            Servers = ToProto(report.Servers),
            ScannerVersion = ScanReport.ScannerVersion,
            ScoreNote = report.Score.Note,
        };
        if (report.Score.Percentage is { } overall)
            proto.Score = overall;
        proto.Categories.AddRange(report.Categories.Select(ToProto));
        proto.Probes.AddRange(report.Probes.Select(ToProto));
        return CapEvidence(proto, EvidenceCapBytes);
    }

    /// <summary>The most bytes a report may take before probe evidence is left out of it (the verdicts and their details stay).</summary>
    public const int EvidenceCapBytes = 1 << 20;

    private const string Omitted = "omitted";

    /// <summary>
    /// Keeps a report within <paramref name="capBytes"/>: while it is larger, the largest probe
    /// evidence is replaced by a note of its size, so that no server can make the result log, the
    /// results file or a client's memory hold more than the cap per domain. Verdicts are made
    /// before this and do not change.
    /// </summary>
    public static V1.DomainReport CapEvidence(V1.DomainReport report, int capBytes)
    {
        var size = report.CalculateSize();
        while (size > capBytes)
        {
            // Evidence already left out is not taken again: what is left over the cap is the verdicts' own details.
            var largest = report.Probes.Where(p => p.Evidence is not null && !p.Evidence.Fields.ContainsKey(Omitted))
                .MaxBy(p => p.Evidence.CalculateSize());
            if (largest is null)
                break;
            var dropped = largest.Evidence.CalculateSize();
            largest.Evidence = new Struct
            {
                Fields =
                {
                    [Omitted] = Value.ForString($"{dropped} bytes of evidence left out: the report passed its cap of {capBytes} bytes"),
                },
            };
            size = report.CalculateSize();
        }
        return report;
    }

    /// <summary>The report of a domain that could not be scanned at all: the reason, no categories.</summary>
    public static V1.DomainReport Failed(Checks.Input.DomainName domain, string error) => new()
    {
        Domain = domain.Ascii,
        Input = domain.Input,
        ScannerVersion = ScanReport.ScannerVersion,
        Error = error,
    };

    public static V1.CategoryResult ToProto(CategoryResult category)
    {
        var proto = new V1.CategoryResult
        {
            Id = category.Id,
            Heading = category.Heading,
            Status = ToProto(category.Status),
            Summary = category.Summary,
            Elapsed = Duration.FromTimeSpan(category.Elapsed),
            StatusNote = category.StatusNote,
            ScoreNote = category.Score.Note,
            ScoredServers = (uint)category.Score.ScoredServers,
            Servers = (uint)category.Score.Servers,
        };
        if (category.Score.Percentage is { } score)
            proto.Score = score;
        proto.Tests.AddRange(category.Tests.Select(ToProto));
        proto.StrictServers.AddRange(category.StrictServers.Select(ToProto));
        return proto;
    }

    public static V1.Status ToProto(TestStatus status) => status switch
    {
        TestStatus.Passed => V1.Status.Passed,
        TestStatus.Failed => V1.Status.Failed,
        TestStatus.Warning => V1.Status.Warning,
        TestStatus.Info => V1.Status.Info,
        TestStatus.NotTested => V1.Status.NotTested,
        TestStatus.NotTestable => V1.Status.NotTestable,
        TestStatus.Error => V1.Status.Error,
        _ => V1.Status.Unspecified,
    };

    private static V1.StrictServer ToProto(StrictServer server)
    {
        var proto = new V1.StrictServer
        {
            Mx = server.Mx,
            Address = server.Address,
            Why = server.Why,
            Connections = (uint)server.Connections,
            Took = Duration.FromTimeSpan(server.Took),
            Budget = Duration.FromTimeSpan(server.Budget),
            StoppedBecause = server.StoppedBecause ?? string.Empty,
        };
        proto.NotTestable.AddRange(server.NotTestable);
        return proto;
    }

    private static V1.SubtestResult ToProto(SubtestResult test) => new()
    {
        Id = test.Id,
        Status = ToProto(test.Status),
        Reason = test.Reason,
        Details = test.Details is null ? null : ToStruct(test.Details),
        Scoring = test.Level == SubtestLevel.Mandatory && SubtestLevels.FullPoints(test.Id) > 0,
        Level = test.Level switch
        {
            SubtestLevel.Mandatory => V1.Level.Mandatory,
            SubtestLevel.Notice => V1.Level.Notice,
            SubtestLevel.Info => V1.Level.Informational,
            _ => V1.Level.ReportOnly,
        },
    };

    public static V1.MailServers ToProto(MailServerEvidence servers)
    {
        var proto = new V1.MailServers
        {
            NullMx = servers.NullMx,
            NsZone = servers.NsZone ?? string.Empty,
            MxRcode = servers.MxStatus,
        };
        proto.Mx.AddRange(servers.MailServers.Select(ToProto));
        proto.Ns.AddRange(servers.NameServers.Select(ToProto));
        proto.ImplicitMxAddresses.AddRange(servers.ImplicitMxAddresses);
        return proto;
    }

    private static V1.Host ToProto(HostAddresses host)
    {
        var proto = new V1.Host { Name = host.Name, Preference = (uint)Math.Max(0, host.Preference) };
        proto.Ipv4.AddRange(host.Ipv4);
        proto.Ipv6.AddRange(host.Ipv6);
        var problems = new[] { ("A", host.AStatus), ("AAAA", host.AaaaStatus) }
            .Where(p => !DnsStatus.IsConclusive(p.Item2))
            .Select(p => $"{p.Item1}: {p.Item2}");
        proto.Error = string.Join(", ", problems);
        return proto;
    }

    private static V1.ProbeRecord ToProto(ProbeResult result) => new()
    {
        Kind = result.Key.Kind,
        Target = result.Key.Target,
        Outcome = result.Outcome switch
        {
            ProbeOutcome.Completed => "COMPLETED",
            ProbeOutcome.NotAllowed => "NOT_ALLOWED",
            ProbeOutcome.TimedOut => "TIMEOUT",
            _ => "FAILED",
        },
        Reused = result.Reused,
        Reason = result.Reason,
        Elapsed = Duration.FromTimeSpan(result.Elapsed),
        Evidence = result.Evidence is { ValueKind: JsonValueKind.Object } evidence ? JsonStruct.From(evidence) : null,
    };

    private static Struct ToStruct(JsonObject json) => JsonStruct.From(JsonSerializer.SerializeToElement(json));
}
