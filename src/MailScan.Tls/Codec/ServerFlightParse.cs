namespace MailScan.Tls.Codec;

/// <summary>The result of parsing what a server sent so far: a flight, a need for more bytes, or an error with its position.</summary>
public sealed record ServerFlightParse(ServerFlight? Flight, TlsParseError? Error)
{
    /// <summary>The bytes end before the flight does: read more.</summary>
    public bool NeedMore => Flight is null && Error is null;

    public static ServerFlightParse More { get; } = new(null, null);
}
