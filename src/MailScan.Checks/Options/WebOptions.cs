namespace MailScan.Checks.Options;

/// <summary>The coordinator's web page for people (a domain's live report), served on Cluster:HttpListen; off unless enabled.</summary>
public sealed class WebOptions
{
    /// <summary>Serve the page (`--web`); needs Cluster:HttpListen (--http-listen).</summary>
    public bool Enabled { get; set; }

    /// <summary>How many reports the page keeps for their permalinks (in this process); the oldest goes first.</summary>
    public int StoredReports { get; set; } = 1000;
}
