using Google.Protobuf;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Batch;

/// <summary>One report per line in the protobuf JSON form (what `mailscan scan --json` prints, on one line).</summary>
internal sealed class JsonlResultWriter(string path) : IResultWriter
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private readonly StreamWriter _out = new(path, append: true, ResultFile.Utf8);

    public async Task WriteAsync(V1.DomainReport report, CancellationToken cancellationToken)
    {
        await _out.WriteLineAsync(Formatter.Format(report).AsMemory(), cancellationToken).ConfigureAwait(false);
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _out.DisposeAsync();
}
