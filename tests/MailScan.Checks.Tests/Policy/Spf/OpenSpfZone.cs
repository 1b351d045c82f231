using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailScan.Checks.Policy.Spf;
using YamlDotNet.RepresentationModel;

namespace MailScan.Checks.Tests.Policy.Spf;

/// <summary>
/// One scenario's zonedata of the OpenSPF suite, served from memory: names that are not listed do
/// not exist; SPF-type records are served as TXT unless the name lists TXT itself (or "TXT: NONE");
/// TIMEOUT makes every query of a type the name does not hold time out; CNAMEs are followed.
/// </summary>
internal sealed class OpenSpfZone : ISpfLookup
{
    private readonly Dictionary<string, Dictionary<string, List<YamlNode>>> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _timeouts = new(StringComparer.OrdinalIgnoreCase);

    public OpenSpfZone(YamlMappingNode? zonedata)
    {
        foreach (var (key, value) in zonedata?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var name = Normalise(((YamlScalarNode)key).Value!);
            var types = new Dictionary<string, List<YamlNode>>(StringComparer.Ordinal);
            foreach (var entry in ((YamlSequenceNode)value).Children)
            {
                if (entry is YamlScalarNode { Value: "TIMEOUT" })
                {
                    _timeouts.Add(name);
                    continue;
                }
                foreach (var (type, data) in ((YamlMappingNode)entry).Children)
                {
                    var typeName = ((YamlScalarNode)type).Value!;
                    if (!types.TryGetValue(typeName, out var list))
                        types[typeName] = list = [];
                    list.Add(data);
                }
            }
            // RFC 7208 dropped type SPF: its records stand for TXT unless the name lists TXT itself.
            if (!types.ContainsKey("TXT") && types.TryGetValue("SPF", out var spf))
                types["TXT"] = spf;
            _names[name] = types;
        }
    }

    public Task<SpfLookupAnswer<string>> TxtAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Lookup(name, "TXT", node => node is YamlScalarNode { Value: "NONE" } ? null : Text(node)));

    public Task<SpfLookupAnswer<IPAddress>> AddressesAsync(string name, AddressFamily family, CancellationToken cancellationToken) =>
        Task.FromResult(Lookup(name, family == AddressFamily.InterNetwork ? "A" : "AAAA", node => IPAddress.Parse(((YamlScalarNode)node).Value!)));

    public Task<SpfLookupAnswer<string>> MxAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Lookup(name, "MX", node => ((YamlScalarNode)((YamlSequenceNode)node).Children[1]).Value ?? string.Empty));

    public Task<SpfLookupAnswer<string>> PtrAsync(IPAddress address, CancellationToken cancellationToken) =>
        Task.FromResult(Lookup(ReverseName(address), "PTR", node => ((YamlScalarNode)node).Value!));

    private SpfLookupAnswer<T> Lookup<T>(string name, string type, Func<YamlNode, T?> convert, int depth = 0) where T : class
    {
        name = Normalise(name);
        if (!_names.TryGetValue(name, out var types))
            return _timeouts.Contains(name) ? SpfLookupAnswer<T>.Failed("timeout") : SpfLookupAnswer<T>.NxDomain;
        if (types.TryGetValue(type, out var nodes))
        {
            var values = nodes.Select(convert).OfType<T>().ToList();
            if (values.Count > 0 || !_timeouts.Contains(name))
                return SpfLookupAnswer<T>.Found(values);
        }
        if (types.TryGetValue("CNAME", out var cname))
        {
            return depth >= 8
                ? SpfLookupAnswer<T>.Failed("CNAME loop")
                : Lookup(((YamlScalarNode)cname[0]).Value!, type, convert, depth + 1);
        }
        return _timeouts.Contains(name) ? SpfLookupAnswer<T>.Failed("timeout") : SpfLookupAnswer<T>.Found([]);
    }

    private static string? Text(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? string.Empty,
        YamlSequenceNode strings => string.Concat(strings.Children.Select(s => ((YamlScalarNode)s).Value)),
        _ => null,
    };

    private static string Normalise(string name) => name.TrimEnd('.').ToLowerInvariant();

    private static string ReverseName(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return string.Join('.', address.GetAddressBytes().Reverse().Select(b => b.ToString(CultureInfo.InvariantCulture))) + ".in-addr.arpa";
        return string.Join('.', SpfMacroExpander.DottedAddress(address).Split('.').Reverse()) + ".ip6.arpa";
    }
}
