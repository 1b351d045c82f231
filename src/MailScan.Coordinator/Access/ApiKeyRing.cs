using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MailScan.Coordinator.Access;

/// <summary>
/// The API keys of Access:Keys, held as SHA-256 hashes only: a key presented by a client is hashed
/// and compared with every configured hash in constant time, so neither the configuration nor the
/// comparison gives a key away. No keys configured: the API is open.
/// </summary>
public sealed class ApiKeyRing
{
    /// <summary>Longest key accepted for hashing; anything longer is not a key of ours.</summary>
    public const int MaxKeyLength = 1024;

    private readonly (byte[] Hash, ApiKey Key)[] _keys;

    public ApiKeyRing(IOptions<AccessOptions> access)
    {
        _keys = access.Value.Keys
            .Select(k => (Convert.FromHexString(k.Sha256), new ApiKey(k.Name, k.MaxConcurrentBatches, k.MaxNamesPerDay, k.RequestsPerSecond, k.RequestBurst)))
            .ToArray();
    }

    /// <summary>True when no key is configured: every caller is let in.</summary>
    public bool IsOpen => _keys.Length == 0;

    /// <summary>The key whose hash matches, or null; every configured hash is compared, whatever matched before.</summary>
    public ApiKey? Find(string presented)
    {
        if (presented.Length is 0 or > MaxKeyLength)
            return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKey? found = null;
        foreach (var (known, key) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(known, hash))
                found = key;
        }
        return found;
    }

    /// <summary>The value for Access:Keys:N:Sha256 of a key: the SHA-256 of its UTF-8 bytes in lower-case hex.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
