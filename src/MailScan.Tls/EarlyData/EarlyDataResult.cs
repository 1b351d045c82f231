namespace MailScan.Tls.EarlyData;

/// <summary>
/// What the server's TLS 1.3 session ticket says about 0-RTT (RFC 8446 §4.6.1): whether a client
/// resuming with it may send early data, and how much (max_early_data_size). Evidence only: no
/// early data is ever sent. <see cref="AllowsEarlyData"/> is null when no ticket could be read.
/// </summary>
public sealed record EarlyDataResult(bool? AllowsEarlyData, string Detail)
{
    /// <summary>The ticket's max_early_data_size; null when the ticket has no early_data extension.</summary>
    public uint? MaxEarlyDataSize { get; init; }

    /// <summary>The lifetime the ticket claims, in seconds.</summary>
    public uint? TicketLifetime { get; init; }
}
