namespace MailScan.Tls.Enumeration;

/// <summary>Sends one ClientHello on a fresh STARTTLS connection and reports how the server answered.</summary>
public delegate Task<HelloOutcome> HelloExchange(Codec.ClientHelloSpec hello, CancellationToken cancellationToken);
