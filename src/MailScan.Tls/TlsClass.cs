namespace MailScan.Tls;

/// <summary>The NCSC TLS guideline classes, best first.</summary>
public enum TlsClass
{
    Good,
    Sufficient,
    PhaseOut,
    Insufficient,
}
