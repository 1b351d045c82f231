namespace MailScan.Rpki.Rtr;

/// <summary>How a synchronisation with the cache went.</summary>
public enum RtrSyncKind
{
    /// <summary>A Reset Query: the whole set was received.</summary>
    Reset,
    /// <summary>A Serial Query: only the changes since our serial were received and applied.</summary>
    Incremental,
}
