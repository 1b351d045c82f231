using System.Net;

namespace MailScan.Checks.Rpki;

/// <summary>A pfx2as table file, loaded on first use and shared by every lookup of the process.</summary>
public sealed class RouteOriginFileSource(string path) : IRouteOriginSource
{
    private readonly Lazy<Task<(RouteOriginTable? Table, string? Error)>> _table =
        new(() => Task.Run(() => Load(Path.GetFullPath(path))), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Location { get; } = Path.GetFullPath(path);

    public async Task<RouteLookup> FindAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var (table, error) = await _table.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var source = $"pfx2as {Location}";
        if (table is null)
            return RouteLookup.Unavailable(source, error ?? "not loaded");
        var route = table.Find(address);
        return route is null
            ? new RouteLookup(source, RouteLookupStatus.NotAnnounced, null)
            : new RouteLookup(source, RouteLookupStatus.Announced, route);
    }

    private static (RouteOriginTable?, string?) Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"{path}: {ex.Message}");
        }
        var parsed = Pfx2AsParser.Parse(text);
        return parsed.IsOk ? (RouteOriginTable.Create(path, parsed.Value!), null) : (null, $"{path}: {parsed.Error}");
    }
}
