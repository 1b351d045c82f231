namespace MailScan.Rpki.Rtr;

/// <summary>
/// One RTR PDU as read from or written to the wire. Which members are set depends on the type:
/// the session id (notify, queries, cache response, end of data), the serial, the VRP of a prefix
/// PDU with its announce flag, the timers of a version 1 End of Data, the code and text of an
/// Error Report.
/// </summary>
public sealed record RtrPdu(byte Version, RtrPduType Type)
{
    public ushort SessionId { get; init; }
    public uint Serial { get; init; }

    /// <summary>Prefix PDUs: announce (true) or withdraw (false).</summary>
    public bool Announce { get; init; }

    /// <summary>Prefix PDUs: the VRP.</summary>
    public Vrp Vrp { get; init; }

    /// <summary>Version 1 End of Data: refresh, retry and expire intervals.</summary>
    public RtrTimers? Timers { get; init; }

    /// <summary>Error Report: the code, the text and the PDU in error (may be empty).</summary>
    public RtrErrorCode ErrorCode { get; init; }
    public string ErrorText { get; init; } = string.Empty;
    public byte[] ErroneousPdu { get; init; } = [];

    public override string ToString() => Type switch
    {
        RtrPduType.Ipv4Prefix or RtrPduType.Ipv6Prefix => $"v{Version} {(Announce ? "announce" : "withdraw")} {Vrp}",
        RtrPduType.ErrorReport => $"v{Version} error {ErrorCode}: {ErrorText}",
        RtrPduType.EndOfData => $"v{Version} end of data session {SessionId} serial {Serial}",
        _ => $"v{Version} {Type} session {SessionId} serial {Serial}",
    };
}
