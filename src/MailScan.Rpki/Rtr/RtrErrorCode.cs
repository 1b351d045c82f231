namespace MailScan.Rpki.Rtr;

/// <summary>The error codes of an Error Report PDU (RFC 8210 §12).</summary>
public enum RtrErrorCode : ushort
{
    CorruptData = 0,
    InternalError = 1,
    NoDataAvailable = 2,
    InvalidRequest = 3,
    UnsupportedProtocolVersion = 4,
    UnsupportedPduType = 5,
    WithdrawalOfUnknownRecord = 6,
    DuplicateAnnouncement = 7,
    UnexpectedProtocolVersion = 8,
}
