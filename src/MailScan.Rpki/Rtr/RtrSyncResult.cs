namespace MailScan.Rpki.Rtr;

/// <summary>What one synchronisation did: full or incremental, how many VRPs came and went, the cache's session and serial.</summary>
public sealed record RtrSyncResult(RtrSyncKind Kind, int Announced, int Withdrawn, ushort SessionId, uint Serial, byte Version, int Count);
