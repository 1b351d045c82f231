using System.Text.Json.Nodes;
using Google.Protobuf;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Survey;

/// <summary>
/// The RPKI states of a survey's unique addresses (valid, invalid, not-found, ...), per group of
/// servers (mail servers, name servers, name servers of the mail server zones), each address
/// counted once however many domains use it; read from the evidence of the *_rpki_valid sub-tests.
/// </summary>
internal sealed class RouteOriginStates
{
    /// <summary>The sub-test whose details list the addresses of each group, and the group's name.</summary>
    public static IReadOnlyList<(string SubtestId, string Group)> Groups { get; } =
    [
        ("mail_rpki_valid", "Mail servers"),
        ("mail_ns_rpki_valid", "Name servers of the domain"),
        ("mail_mx_ns_rpki_valid", "Name servers of the mail servers"),
    ];

    private readonly Dictionary<string, Dictionary<string, string>> _states = Groups.ToDictionary(g => g.SubtestId, _ => new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);

    public void Add(V1.DomainReport report)
    {
        foreach (var test in report.Categories.SelectMany(c => c.Tests).Where(t => _states.ContainsKey(t.Id) && t.Details is not null))
        {
            if (JsonNode.Parse(JsonFormatter.Default.Format(test.Details))?["addresses"] is not JsonArray addresses)
                continue;
            foreach (var address in addresses.OfType<JsonObject>())
            {
                if (address["address"]?.GetValue<string>() is { } ip && address["state"]?.GetValue<string>() is { } state)
                    _states[test.Id].TryAdd(ip, state);
            }
        }
    }

    /// <summary>Every state seen, in a fixed order: the RFC 6811 ones first.</summary>
    public IReadOnlyList<string> States() =>
        _states.Values.SelectMany(s => s.Values).Distinct(StringComparer.Ordinal)
            .OrderBy(s => s switch { "valid" => 0, "invalid" => 1, "not-found" => 2, _ => 3 }).ThenBy(s => s, StringComparer.Ordinal).ToList();

    /// <summary>Per state, how many unique addresses of the group have it.</summary>
    public IReadOnlyDictionary<string, long> Counts(string subtestId) =>
        _states[subtestId].Values.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
}
