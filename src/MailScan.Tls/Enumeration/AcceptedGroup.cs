namespace MailScan.Tls.Enumeration;

/// <summary>A key-exchange group a server used: a named group (TLS 1.3 or ECDHE), or a finite-field DH group from a ServerKeyExchange.</summary>
public sealed record AcceptedGroup(string Name, ushort? Code, int? Bits, string Source, TlsClass Class);
