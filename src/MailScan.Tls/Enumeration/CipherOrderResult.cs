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
    string? Note = null);
