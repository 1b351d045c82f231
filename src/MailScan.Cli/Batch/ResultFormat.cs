namespace MailScan.Cli.Batch;

/// <summary>How batch results are written: one JSON report per line, or one CSV row of statuses per domain.</summary>
internal enum ResultFormat
{
    Jsonl,
    Csv,
}
