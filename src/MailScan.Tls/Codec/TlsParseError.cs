namespace MailScan.Tls.Codec;

/// <summary>Why bytes from a server are not the TLS the codec expected, and where (offset in the records, or in the handshake stream for handshake messages).</summary>
public sealed record TlsParseError(int Position, string Reason, TlsParseFault Fault = TlsParseFault.Malformed)
{
    /// <summary>The bytes so far are a prefix of a flight: read more and parse again.</summary>
    public bool NeedsMore => Fault == TlsParseFault.EndsEarly;

    /// <summary>The input of <paramref name="length"/> bytes ends before the flight does.</summary>
    public static TlsParseError EndsEarlyAt(int length) => new(length, "the flight ends before its last message", TlsParseFault.EndsEarly);

    public override string ToString() => $"at byte {Position}: {Reason}";
}
