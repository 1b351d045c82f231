namespace MailScan.Redis;

/// <summary>
/// Where a cluster process reads the VRP set another one published: the current version's name,
/// and the serialised set of a version. The seam between <see cref="RedisVrpSource"/> and Redis.
/// </summary>
public interface IPublishedVrps
{
    /// <summary>Where the set is read from, for messages.</summary>
    string Location { get; }

    /// <summary>The version in use now, a withdrawal ("!" and why), or null when none was published yet.</summary>
    Task<string?> CurrentVersionAsync(CancellationToken cancellationToken);

    /// <summary>The serialised set of one version, or null when it is gone (expired after a newer one replaced it).</summary>
    Task<byte[]?> ReadAsync(string version, CancellationToken cancellationToken);
}
