namespace MailScan.Checks.Options;

/// <summary>Who may use a coordinator's gRPC API: the API keys and their quotas. No keys: the API is open.</summary>
public sealed class AccessOptions
{
    /// <summary>The keys a client may send (as `authorization: Bearer KEY` or `x-api-key: KEY`); empty: no key is asked for.</summary>
    public List<ApiKeyOptions> Keys { get; set; } = [];
}
