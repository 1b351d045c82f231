using MailScan.Parsing;

namespace MailScan.Coordinator.Web;

/// <summary>The coordinator's web page for people (a domain's live report), served on Cluster:HttpListen; off unless enabled.</summary>
public sealed class WebOptions
{
    /// <summary>Serve the page (`--web`); needs Cluster:HttpListen (--http-listen).</summary>
    public bool Enabled { get; set; }

    /// <summary>How many reports the page keeps for their permalinks without Redis (in this process); the oldest goes first.</summary>
    public int StoredReports { get; set; } = 1000;

    /// <summary>How long a report stays under its permalink with Redis (Cluster:Redis), shared by every coordinator.</summary>
    public TimeSpan ReportRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Every problem of these settings, one line each with its key.</summary>
    public IEnumerable<string> Errors()
    {
        if (StoredReports is < 1 or > 1_000_000)
            yield return $"Web:StoredReports: {StoredReports} is out of range (1-1000000)";
        foreach (var error in SettingRange.Positive("Web:ReportRetention", ReportRetention, TimeSpan.FromDays(3650)))
            yield return error;
    }
}
