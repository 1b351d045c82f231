using YamlDotNet.RepresentationModel;

namespace MailScan.Checks.Tests.Policy.Spf;

/// <summary>The OpenSPF RFC 7208 test suite (rfc7208-tests.yml beside this file), loaded once.</summary>
internal static class OpenSpfSuite
{
    public sealed record Case(string Scenario, string Name, string Helo, string Host, string MailFrom, IReadOnlyList<string> Results, string? Explanation, OpenSpfZone Zone);

    private static readonly Lazy<IReadOnlyDictionary<string, Case>> Cases = new(Load);

    public static IReadOnlyDictionary<string, Case> All => Cases.Value;

    private static IReadOnlyDictionary<string, Case> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "OpenSpf", "rfc7208-tests.yml");
        var stream = new YamlStream();
        using (var reader = File.OpenText(path))
            stream.Load(reader);
        var cases = new Dictionary<string, Case>(StringComparer.Ordinal);
        foreach (var document in stream.Documents)
        {
            var root = (YamlMappingNode)document.RootNode;
            var scenario = Scalar(root, "description") ?? "?";
            var zone = new OpenSpfZone(root.Children.TryGetValue("zonedata", out var data) ? (YamlMappingNode)data : null);
            foreach (var (key, value) in ((YamlMappingNode)root["tests"]).Children)
            {
                var test = (YamlMappingNode)value;
                var results = test["result"] switch
                {
                    YamlSequenceNode list => list.Children.Select(c => ((YamlScalarNode)c).Value!).ToList(),
                    var single => [((YamlScalarNode)single).Value!],
                };
                var name = ((YamlScalarNode)key).Value!;
                cases[$"{scenario}: {name}"] = new Case(scenario, name, Scalar(test, "helo") ?? string.Empty, Scalar(test, "host")!,
                    Scalar(test, "mailfrom") ?? string.Empty, results, Scalar(test, "explanation"), zone);
            }
        }
        return cases;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;
}
