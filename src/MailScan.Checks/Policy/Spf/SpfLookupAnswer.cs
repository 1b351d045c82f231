namespace MailScan.Checks.Policy.Spf;

/// <summary>The answer to one lookup the SPF evaluator makes: how it ended and the values found.</summary>
public sealed record SpfLookupAnswer<T>(SpfLookupStatus Status, IReadOnlyList<T> Values, string? Error = null)
{
    /// <summary>A "void lookup" (RFC 7208 §4.6.4): NXDOMAIN, or NOERROR without answers.</summary>
    public bool IsVoid => Status == SpfLookupStatus.NxDomain || Status == SpfLookupStatus.Found && Values.Count == 0;

    public static SpfLookupAnswer<T> Found(IReadOnlyList<T> values) => new(SpfLookupStatus.Found, values);

    public static SpfLookupAnswer<T> NxDomain { get; } = new(SpfLookupStatus.NxDomain, []);

    public static SpfLookupAnswer<T> Failed(string error) => new(SpfLookupStatus.Error, [], error);
}
