namespace MailScan.Tls.Enumeration;

/// <summary>Which hashes the server signs its key exchange with when a client offers only that hash (TLS 1.2).</summary>
public sealed record KeyExchangeHashResult(bool Tested, bool? Sha1Accepted, bool? Sha224Accepted, IReadOnlyList<string> SchemesSeen, string? Note = null);
