namespace MailScan.Tls.Enumeration;

/// <summary>A cipher suite a server accepted with a version, and its class.</summary>
public sealed record AcceptedSuite(TlsVersion Version, ushort Code, string Name, TlsClass Class);
