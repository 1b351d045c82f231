using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace MailScan.Rpki;

/// <summary>
/// A VRP JSON export in a file or at an HTTP(S) URL, read again every refresh interval; a new
/// version is built only when the content changed (file size and time, ETag, then a digest).
/// </summary>
public sealed class VrpExportSource : IVrpSource
{
    /// <summary>A full export is ~100 MB today; anything far beyond is not a VRP file.</summary>
    public const long MaxBytes = 1L << 30;

    private readonly Uri? _url;
    private readonly string? _path;
    private readonly TimeSpan _refresh;
    private readonly TimeSpan _fetchTimeout;
    private readonly HttpClient? _http;
    private readonly TimeProvider _time;
    private string? _lastDigest;
    private (long Length, DateTime Written)? _lastFile;
    private string? _lastEtag;

    private VrpExportSource(string location, Uri? url, string? path, TimeSpan refresh, TimeSpan fetchTimeout, HttpClient? http, TimeProvider time)
    {
        Location = location;
        _url = url;
        _path = path;
        _refresh = refresh;
        _fetchTimeout = fetchTimeout;
        _http = http;
        _time = time;
    }

    public string Location { get; }

    public static VrpExportSource FromFile(string path, TimeSpan refresh, TimeProvider time) =>
        new(Path.GetFullPath(path), null, Path.GetFullPath(path), refresh, TimeSpan.Zero, null, time);

    public static VrpExportSource FromUrl(Uri url, TimeSpan refresh, TimeSpan fetchTimeout, HttpClient http, TimeProvider time) =>
        // The location is logged and shown in reports: without user info or query, which may hold credentials.
        new(url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped), url, null, refresh, fetchTimeout, http, time);

    public async IAsyncEnumerable<VrpSourceUpdate> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var update = await ReadOnceAsync(cancellationToken).ConfigureAwait(false);
            if (update is not null)
                yield return update;
            await Task.Delay(_refresh, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One read: a new version, a failure, or null when nothing changed.</summary>
    public async Task<VrpSourceUpdate?> ReadOnceAsync(CancellationToken cancellationToken)
    {
        byte[]? content;
        try
        {
            content = _url is null ? await ReadFileAsync(cancellationToken).ConfigureAwait(false) : await FetchAsync(_url, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return VrpSourceUpdate.Failed($"{Location}: {(ex is OperationCanceledException ? $"no answer within {_fetchTimeout.TotalSeconds:0} s" : ex.Message)}");
        }
        catch (InvalidDataException ex)
        {
            return VrpSourceUpdate.Failed($"{Location}: {ex.Message}");
        }
        if (content is null)
            return null;
        var digest = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
        if (digest == _lastDigest)
            return null;
        var parsed = VrpJsonParser.Parse(content);
        if (!parsed.IsValid)
            return VrpSourceUpdate.Failed($"{Location}: {parsed.Error}");
        _lastDigest = digest;
        var info = new VrpSetInfo(Location, digest, _time.GetUtcNow(), parsed.Value!.GeneratedAt);
        return VrpSourceUpdate.Loaded(VrpSet.Create(info, parsed.Value.Vrps));
    }

    private async Task<byte[]?> ReadFileAsync(CancellationToken cancellationToken)
    {
        var file = new FileInfo(_path!);
        if (!file.Exists)
            throw new IOException("the file does not exist");
        if (file.Length > MaxBytes)
            throw new InvalidDataException($"the file is {file.Length} bytes, more than a VRP export can be");
        var stamp = (file.Length, file.LastWriteTimeUtc);
        if (stamp == _lastFile)
            return null;
        var content = await File.ReadAllBytesAsync(_path!, cancellationToken).ConfigureAwait(false);
        _lastFile = stamp;
        return content;
    }

    private async Task<byte[]?> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_fetchTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        if (_lastEtag is not null)
            request.Headers.TryAddWithoutValidation("If-None-Match", _lastEtag);
        using var response = await _http!.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified)
            return null;
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        if (response.Content.Headers.ContentLength > MaxBytes)
            throw new InvalidDataException($"the answer is {response.Content.Headers.ContentLength} bytes, more than a VRP export can be");
        using var body = new MemoryStream();
        await using (var stream = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, limit.Token).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > MaxBytes)
                    throw new InvalidDataException("the answer is larger than a VRP export can be");
                body.Write(buffer, 0, read);
            }
        }
        _lastEtag = response.Headers.ETag?.ToString();
        return body.ToArray();
    }
}
