using System.IO.Compression;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MailScan.Cli.Batch;
using MailScan.Cli.Stats;
using MailScan.Tests.Shared;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Tests.Batch;

public sealed class CompactResultsFileTests : IDisposable
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mailscan-compact-{Guid.NewGuid():N}.jsonl");

    [Fact]
    public async Task A_compact_file_is_gzip_holds_each_hosts_evidence_once_and_reads_back_as_the_full_reports()
    {
        var full = Reports();
        await WriteAsync(full, fullEvidence: false);

        Assert.True(ResultsFileText.IsGzip(_path));
        var text = await DecompressedAsync();
        var hostLines = text.Where(l => l.StartsWith("{\"hostEvidence\"", StringComparison.Ordinal)).ToList();
        var hostEvidence = full.SelectMany(r => r.Probes).Where(p => p.Kind is "smtp" or "smtp.tls" or "ns.reach" or "rpki.origin").Select(p => (p.Kind, p.Target)).Distinct().Count();
        Assert.Equal(hostEvidence, hostLines.Count);
        Assert.Equal(full.Count, text.Count - hostLines.Count);
        Assert.Equal(full, await ReadAsync());
    }

    [Fact]
    public async Task With_full_evidence_the_file_is_plain_text_one_whole_report_a_line_as_before()
    {
        var full = Reports();
        await WriteAsync(full, fullEvidence: true);

        Assert.False(ResultsFileText.IsGzip(_path));
        Assert.Equal(full.Select(r => Formatter.Format(r)), await File.ReadAllLinesAsync(_path));
        Assert.Equal(full, await ReadAsync());
    }

    [Fact]
    public async Task A_file_of_full_reports_written_before_compact_results_still_reads()
    {
        var full = Reports();
        await File.WriteAllLinesAsync(_path, full.Select(r => Formatter.Format(r)));

        Assert.Equal(full, await ReadAsync());
    }

    [Fact]
    public async Task A_compact_file_cut_by_an_interruption_resumes_with_its_whole_reports_and_reads_to_the_end()
    {
        var full = Reports();
        await WriteAsync(full.Take(6), fullEvidence: false);
        // The process died in the middle of the seventh report: its deflate data breaks off.
        await WriteAsync(full.Skip(6).Take(1), fullEvidence: false);
        var whole = new FileInfo(_path).Length;
        await using (var file = new FileStream(_path, FileMode.Open))
            file.SetLength(whole - 40);

        var reported = await ResultFile.ReportedDomainsAsync(_path, ResultFormat.Jsonl, CancellationToken.None);
        Assert.Equal(full.Take(6).Select(r => r.Domain).Order(), reported.Order());

        await WriteAsync(full.Skip(6), fullEvidence: false);
        Assert.Equal(full, await ReadAsync());
    }

    /// <summary>The captured lab reports with evidence in every probe: a host's the same in every report that uses it, as in a batch.</summary>
    private static List<V1.DomainReport> Reports() =>
        CapturedReports.All.Select(captured =>
        {
            var report = captured.Clone();
            foreach (var probe in report.Probes)
                probe.Evidence = JsonParser.Default.Parse<Struct>($"{{\"target\": \"{probe.Target}\", \"kind\": \"{probe.Kind}\", \"suites\": [\"TLS_AES_256_GCM_SHA384\"]}}");
            return report;
        }).ToList();

    private async Task WriteAsync(IEnumerable<V1.DomainReport> reports, bool fullEvidence)
    {
        await using var writer = new JsonlResultWriter(_path, fullEvidence);
        foreach (var report in reports)
            await writer.WriteAsync(report.Clone(), CancellationToken.None);
    }

    private async Task<List<V1.DomainReport>> ReadAsync()
    {
        var reports = new List<V1.DomainReport>();
        var skipped = await ResultsFileReader.ReadAsync(_path, reports.Add, CancellationToken.None);
        Assert.Empty(skipped);
        return reports;
    }

    private async Task<List<string>> DecompressedAsync()
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(_path), CompressionMode.Decompress));
        return [.. (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    public void Dispose()
    {
        File.Delete(_path);
    }
}
