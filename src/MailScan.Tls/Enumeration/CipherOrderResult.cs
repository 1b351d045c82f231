using System.Text.Json.Serialization;

namespace MailScan.Tls.Enumeration;

/// <summary>
/// How the server picks a suite at its highest version up to TLS 1.2: offered worst-first and
/// best-first, whether it chose the same (its own order) and a suite of the best accepted class.
/// </summary>
public sealed record CipherOrderResult(
    TlsVersion Version,
    bool Tested,
    bool? ServerOrder,
    bool? PrefersStronger,
    string? ChosenWorstFirst,
    string? ChosenBestFirst,
    string? Note = null)
{
    /// <summary>The note of a server that accepts a single suite at that version.</summary>
    public const string OnlyOneSuiteNote = "only one suite is accepted: there is no order to choose";

    /// <summary>Not tested because the server accepts one suite: there is no order to judge.</summary>
    [JsonIgnore]
    public bool NothingToOrder => !Tested && Note == OnlyOneSuiteNote;
}
