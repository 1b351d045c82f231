namespace MailScan.Rpki.Rtr;

/// <summary>The PDU types of RPKI-to-Router versions 0 and 1 (RFC 6810, RFC 8210 §5).</summary>
public enum RtrPduType : byte
{
    SerialNotify = 0,
    SerialQuery = 1,
    ResetQuery = 2,
    CacheResponse = 3,
    Ipv4Prefix = 4,
    Ipv6Prefix = 6,
    EndOfData = 7,
    CacheReset = 8,
    RouterKey = 9,
    ErrorReport = 10,
}
