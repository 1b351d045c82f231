namespace MailScan.Checks.StartTls.Dane;

/// <summary>One TLSA record (RFC 6698): usage, selector, matching type and the association data in hex.</summary>
public sealed record TlsaRecordData(byte Usage, byte Selector, byte MatchingType, string Data)
{
    public override string ToString() => $"{Usage} {Selector} {MatchingType} {(Data.Length > 16 ? Data[..16] + "..." : Data)}";

    /// <summary>DANE-TA (2) and DANE-EE (3): the usages SMTP may use (RFC 7672 §3.1.3).</summary>
    public bool UsableForSmtp => Usage is 2 or 3 && Selector is 0 or 1 && MatchingType is 0 or 1 or 2;
}
