using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Stats;

/// <summary>
/// The table a TLD survey reports: per category and sub-test the share of each status, over all
/// scanned domains and over unique mail servers. A mail server set (the sorted addresses of a
/// domain's MX hosts) is counted once, with the verdicts of the first domain that uses it, so
/// thousands of domains at one hoster weigh as one server.
/// </summary>
internal sealed class AdoptionTable
{
    public static IReadOnlyList<string> Statuses { get; } = ["PASSED", "FAILED", "WARNING", "INFO", "NOT_TESTED", "NOT_TESTABLE", "ERROR"];

    private readonly Dictionary<string, Counter> _domains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Counter> _servers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _serverSets = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public long Domains { get; private set; }

    public long Failed { get; private set; }

    public long UniqueServerSets => _serverSets.Count;

    public void Add(V1.DomainReport report)
    {
        if (report.Error.Length > 0 || report.Categories.Count == 0)
        {
            Failed++;
            return;
        }
        Domains++;
        var addresses = report.Servers?.Mx.SelectMany(m => m.Ipv4.Concat(m.Ipv6)) ?? [];
        var serverSet = string.Join(' ', addresses.Order(StringComparer.Ordinal));
        var newServerSet = serverSet.Length > 0 && _serverSets.Add(serverSet);
        foreach (var category in report.Categories)
        {
            Count(category.Id, true, category.Status, newServerSet);
            foreach (var test in category.Tests)
                Count(test.Id, false, test.Status, newServerSet);
        }
    }

    public IReadOnlyList<AdoptionRow> OverDomains() => Rows(_domains);

    public IReadOnlyList<AdoptionRow> OverMailServers() => Rows(_servers);

    private void Count(string id, bool isCategory, V1.Status status, bool newServerSet)
    {
        var name = Coordinator.Reports.ContractStatus.Name(status);
        if (!_domains.ContainsKey(id))
            _order.Add(id);
        Tally(_domains, id, isCategory, name);
        if (newServerSet)
            Tally(_servers, id, isCategory, name);
    }

    private static void Tally(Dictionary<string, Counter> counters, string id, bool isCategory, string status)
    {
        if (!counters.TryGetValue(id, out var counter))
            counters[id] = counter = new Counter(isCategory);
        counter.Counted++;
        counter.ByStatus[status] = counter.ByStatus.GetValueOrDefault(status) + 1;
    }

    private List<AdoptionRow> Rows(Dictionary<string, Counter> counters) =>
        _order.Where(counters.ContainsKey).Select(id => new AdoptionRow(id, counters[id].IsCategory, counters[id].Counted, counters[id].ByStatus)).ToList();

    private sealed class Counter(bool isCategory)
    {
        public bool IsCategory { get; } = isCategory;
        public long Counted { get; set; }
        public Dictionary<string, long> ByStatus { get; } = new(StringComparer.Ordinal);
    }
}
