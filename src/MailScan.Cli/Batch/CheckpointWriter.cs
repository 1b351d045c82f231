namespace MailScan.Cli.Batch;

/// <summary>Keeps the checkpoint of a batch on a coordinator current, writing it at most a few times a second.</summary>
internal sealed class CheckpointWriter(string? server, string batchId, string output)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);
    private ulong _cursor;
    private DateTimeOffset _saved = DateTimeOffset.MinValue;

    /// <summary>The result of this cursor is in the results file.</summary>
    public void Advance(ulong cursor)
    {
        _cursor = cursor;
        if (DateTimeOffset.UtcNow - _saved >= Every)
            Flush();
    }

    public void Flush()
    {
        if (server is null)
            return;
        new BatchCheckpoint(server, batchId, _cursor).Save(output);
        _saved = DateTimeOffset.UtcNow;
    }
}
