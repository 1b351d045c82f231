using MailScan.Cli.Stats;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Survey;

/// <summary>Everything the survey report shows of one results file, gathered in one reading: the adoption table and score distribution of `stats`, the providers, the RPKI states, each domain's category statuses (for --compare).</summary>
internal sealed class SurveyData
{
    public AdoptionTable Adoption { get; } = new();

    public ScoreDistribution Scores { get; } = new();

    public MailProviders Providers { get; } = new();

    public RouteOriginStates Routes { get; } = new();

    /// <summary>Per scanned domain, its status per category in the contract's spelling.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, string>> Domains { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<SkippedLine> Skipped { get; private set; } = [];

    public static async Task<SurveyData> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var data = new SurveyData();
        data.Skipped = await ResultsFileReader.ReadAsync(path, data.Add, cancellationToken).ConfigureAwait(false);
        return data;
    }

    public void Add(V1.DomainReport report)
    {
        Adoption.Add(report);
        Scores.Add(report);
        Providers.Add(report);
        Routes.Add(report);
        if (report.Error.Length == 0 && report.Categories.Count > 0)
            Domains[report.Domain] = report.Categories.ToDictionary(c => c.Id, c => Coordinator.Reports.ContractStatus.Name(c.Status), StringComparer.Ordinal);
    }
}
