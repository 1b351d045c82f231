namespace MailScan.Tls.Codec;

/// <summary>Why bytes from a server are not the TLS the codec expected, and where (offset in the records, or in the handshake stream for handshake messages).</summary>
public sealed record TlsParseError(int Position, string Reason)
{
    public override string ToString() => $"at byte {Position}: {Reason}";
}
