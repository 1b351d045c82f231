using MailScan.Checks.Verdicts;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Survey;

/// <summary>
/// The largest mail providers of a survey: domains grouped by the addresses their MX hosts share
/// (the sorted set, as the adoption table counts unique mail servers), each group named by its MX
/// names, with how its domains fare per category.
/// </summary>
internal sealed class MailProviders
{
    private readonly Dictionary<string, Provider> _bySet = new(StringComparer.Ordinal);

    public void Add(V1.DomainReport report)
    {
        if (report.Error.Length > 0 || report.Categories.Count == 0 || report.Servers is null)
            return;
        var set = string.Join(' ', report.Servers.Mx.SelectMany(m => m.Ipv4.Concat(m.Ipv6)).Distinct().Order(StringComparer.Ordinal));
        if (set.Length == 0)
            return;
        if (!_bySet.TryGetValue(set, out var provider))
            _bySet[set] = provider = new Provider(set);
        provider.Add(report);
    }

    /// <summary>The <paramref name="count"/> groups with the most domains (ties by name), largest first.</summary>
    public IReadOnlyList<Provider> Largest(int count) =>
        _bySet.Values.OrderByDescending(p => p.Domains).ThenBy(p => p.Name, StringComparer.Ordinal).Take(count).ToList();

    /// <summary>One set of shared mail server addresses and the domains that use it.</summary>
    internal sealed class Provider(string addresses)
    {
        private readonly Dictionary<string, long> _passed = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _names = new(StringComparer.OrdinalIgnoreCase);
        private string[]? _suffix;
        private long _scoreSum;

        public string Addresses { get; } = addresses;

        public long Domains { get; private set; }

        public long Scored { get; private set; }

        /// <summary>
        /// "*.mail.protection.example" when the MX names differ below a common suffix of two labels or more;
        /// else the most used MX name, with how many others the group has ("mx.hoster.example (+3 other names)").
        /// </summary>
        public string Name
        {
            get
            {
                if (_names.Count > 1 && _suffix is { Length: >= 2 })
                    return "*." + string.Join('.', _suffix);
                var top = _names.OrderByDescending(n => n.Value).ThenBy(n => n.Key, StringComparer.Ordinal).Select(n => n.Key).FirstOrDefault() ?? "-";
                return _names.Count > 1 ? $"{top} (+{_names.Count - 1} other names)" : top;
            }
        }

        public double MeanScore => Scored == 0 ? 0 : (double)_scoreSum / Scored;

        public double PercentPassed(string categoryId) => Domains == 0 ? 0 : 100.0 * _passed.GetValueOrDefault(categoryId) / Domains;

        public void Add(V1.DomainReport report)
        {
            Domains++;
            if (report.Score is { } score)
            {
                Scored++;
                _scoreSum += score;
            }
            foreach (var category in report.Categories.Where(c => c.Status == V1.Status.Passed))
                _passed[category.Id] = _passed.GetValueOrDefault(category.Id) + 1;
            foreach (var mx in report.Servers.Mx)
            {
                var name = mx.Name.TrimEnd('.');
                _names[name] = _names.GetValueOrDefault(name) + 1;
                _suffix = CommonSuffix(_suffix, name.Split('.'));
            }
        }

        private static string[] CommonSuffix(string[]? common, string[] labels)
        {
            if (common is null)
                return labels;
            var same = 0;
            while (same < common.Length && same < labels.Length && string.Equals(common[^(same + 1)], labels[^(same + 1)], StringComparison.OrdinalIgnoreCase))
                same++;
            return common[^same..];
        }
    }

    /// <summary>The categories a provider row shows, in report order.</summary>
    public static IReadOnlyList<string> Categories => CategoryIds.All;
}
