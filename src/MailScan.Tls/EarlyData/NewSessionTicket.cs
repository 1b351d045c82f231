namespace MailScan.Tls.EarlyData;

/// <summary>The parts of a TLS 1.3 NewSessionTicket the evidence keeps: its lifetime and, when it allows early data, how much.</summary>
internal sealed record NewSessionTicket(uint Lifetime, uint? MaxEarlyDataSize);
