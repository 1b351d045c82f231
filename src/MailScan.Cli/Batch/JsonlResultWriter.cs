using System.IO.Compression;
using Google.Protobuf;
using MailScan.Coordinator.CompactResults;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Batch;

/// <summary>
/// One report per line in the protobuf JSON form (what `mailscan scan --json` prints, on one line).
/// Compact by default: a host's evidence is written once, on a line of its own before the first
/// report that names it (<see cref="HostEvidenceLine"/>), and the file is gzip, flushed after every
/// report so that every whole report is readable at once. With full evidence: plain text, every
/// report whole, as files were before compact results.
/// </summary>
internal sealed class JsonlResultWriter : IResultWriter
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private readonly bool _compact;
    private readonly GZipStream? _gzip;
    private readonly StreamWriter _out;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <param name="path">The results file; one that exists is appended to in its own form (see <see cref="ResultFile.ReportedDomainsAsync"/>, which leaves a gzip file whole).</param>
    /// <param name="fullEvidence">Every report with all of its evidence, uncompressed.</param>
    public JsonlResultWriter(string path, bool fullEvidence)
    {
        _compact = !fullEvidence;
        var existing = File.Exists(path) && new FileInfo(path).Length > 0;
        var compress = existing ? ResultsFileText.IsGzip(path) : _compact;
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        if (compress)
            _gzip = new GZipStream(file, CompressionLevel.Optimal);
        _out = new StreamWriter(_gzip ?? (Stream)file, ResultFile.Utf8);
    }

    public async Task WriteAsync(V1.DomainReport report, CancellationToken cancellationToken)
    {
        if (_compact)
        {
            foreach (var evidence in CompactReports.Extract(report))
            {
                if (_written.Add(evidence.Ref))
                    await _out.WriteLineAsync(HostEvidenceLine.Format(evidence).AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
        await _out.WriteLineAsync(Formatter.Format(report).AsMemory(), cancellationToken).ConfigureAwait(false);
        // Through the gzip stream too: its flush ends a deflate block, so the report is readable now.
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _out.DisposeAsync();
}
