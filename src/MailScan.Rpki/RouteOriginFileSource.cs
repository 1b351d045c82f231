using System.Net;

namespace MailScan.Rpki;

/// <summary>
/// A pfx2as table file, loaded on first use and shared by every lookup of the process. At most
/// every refresh interval the file is checked; a changed file is loaded in the background while
/// lookups go on against the previous table, then swapped in whole.
/// </summary>
public sealed class RouteOriginFileSource(string path, TimeSpan refresh, TimeProvider time) : IRouteOriginSource
{
    private readonly object _gate = new();
    private Task<LoadedTable>? _first;
    private volatile LoadedTable? _current;
    private int _reloading;

    public string Location { get; } = Path.GetFullPath(path);

    public async Task<RouteLookup> FindAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var loaded = _current ?? await FirstLoad().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (time.GetUtcNow() - loaded.CheckedAt >= refresh && Interlocked.Exchange(ref _reloading, 1) == 0)
            _ = Task.Run(() => ReloadIfChanged(loaded), CancellationToken.None);
        var source = $"pfx2as {Location}";
        if (loaded.Table is null)
            return RouteLookup.Unavailable(source, loaded.Error ?? "not loaded");
        var route = loaded.Table.Find(address);
        return route is null
            ? new RouteLookup(source, RouteLookupStatus.NotAnnounced, null)
            : new RouteLookup(source, RouteLookupStatus.Announced, route);
    }

    private Task<LoadedTable> FirstLoad()
    {
        lock (_gate)
        {
            return _first ??= Task.Run(() => _current = Load());
        }
    }

    private void ReloadIfChanged(LoadedTable previous)
    {
        try
        {
            // Keep serving a good table when the file is unchanged or the new one is broken.
            var fresh = Stamp() == previous.Stamp ? null : Load();
            _current = fresh is not null && (fresh.Table is not null || previous.Table is null)
                ? fresh
                : previous with { CheckedAt = time.GetUtcNow() };
        }
        finally
        {
            Interlocked.Exchange(ref _reloading, 0);
        }
    }

    private LoadedTable Load()
    {
        var checkedAt = time.GetUtcNow();
        var stamp = Stamp();
        string text;
        try
        {
            text = File.ReadAllText(Location);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LoadedTable(null, $"{Location}: {ex.Message}", stamp, checkedAt);
        }
        var parsed = Pfx2AsParser.Parse(text);
        return parsed.IsValid
            ? new LoadedTable(RouteOriginTable.Create(Location, parsed.Value!), null, stamp, checkedAt)
            : new LoadedTable(null, $"{Location}: {parsed.Error}", stamp, checkedAt);
    }

    private (long, DateTime) Stamp()
    {
        var file = new FileInfo(Location);
        return file.Exists ? (file.Length, file.LastWriteTimeUtc) : (-1, DateTime.MinValue);
    }

    private sealed record LoadedTable(RouteOriginTable? Table, string? Error, (long Length, DateTime Written) Stamp, DateTimeOffset CheckedAt);
}
