namespace MailScan.Checks.Options;

/// <summary>The coordinator's web page for people (a domain's live report), served on Cluster:HttpListen; off unless enabled.</summary>
public sealed class WebOptions
{
    /// <summary>Serve the page (`--web`); needs Cluster:HttpListen (--http-listen).</summary>
    public bool Enabled { get; set; }

    /// <summary>How many reports the page keeps for their permalinks without Redis (in this process); the oldest goes first.</summary>
    public int StoredReports { get; set; } = 1000;

    /// <summary>How long a report stays under its permalink with Redis (Cluster:Redis), shared by every coordinator.</summary>
    public TimeSpan ReportRetention { get; set; } = TimeSpan.FromDays(7);
}
