namespace MailScan.Cli.Batch;

/// <summary>How batch results are written: one JSON report per line, one CSV row of statuses per domain, or Internet.nl's batch results JSON.</summary>
internal enum ResultFormat
{
    Jsonl,
    Csv,
    /// <summary>Internet.nl's batch API v2 results, written when the batch is done from a JSONL log beside it (the log is what --resume reads).</summary>
    InternetNl,
}
