namespace MailScan.Rpki.Rtr;

/// <summary>What reading a PDU from a buffer gave.</summary>
public enum RtrReadStatus
{
    /// <summary>A whole PDU was read.</summary>
    Complete,
    /// <summary>The buffer holds only part of a PDU; read more bytes.</summary>
    NeedMore,
    /// <summary>The bytes are not a valid PDU; the session cannot go on.</summary>
    Error,
}
