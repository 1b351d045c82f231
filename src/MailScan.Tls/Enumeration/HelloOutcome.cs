using MailScan.Tls.Codec;

namespace MailScan.Tls.Enumeration;

/// <summary>
/// How one raw hello ended: the server's flight (accepted or alert), a refusal without alert
/// (closed, parse error: <see cref="Failure"/>), or the connection could not be used at all
/// (<see cref="Untestable"/>: refused, 421, tarpit, no STARTTLS) which stops the enumeration;
/// <see cref="TryLater"/> when the server put the client off, so another try may get through.
/// </summary>
public sealed record HelloOutcome(ServerFlight? Flight, string? Failure, string? Untestable = null, bool TryLater = false)
{
    public bool Accepted => Flight?.Hello is not null;

    public static HelloOutcome Of(ServerFlight flight) => new(flight,
        flight.Alert is { } a ? $"alert {a.Name}" : flight.Ssl2Error is { } e ? $"SSL 2.0 {e.Name}" : null);

    public static HelloOutcome Refused(string why) => new(null, why);

    public static HelloOutcome NotUsable(string why, bool tryLater = false) => new(null, null, why, tryLater);
}
