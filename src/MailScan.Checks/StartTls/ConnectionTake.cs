namespace MailScan.Checks.StartTls;

/// <summary>How one connection of an evaluation went, as far as pacing and retrying go.</summary>
internal enum ConnectionTake
{
    /// <summary>The server greeted with 220: whatever followed is the server's answer.</summary>
    Greeted,

    /// <summary>The server put the client off (4xx greeting; after a greeting elsewhere, a refused or silent connect): wait and resume.</summary>
    PutOff,

    /// <summary>No TCP connection in time and nothing greeted yet: retried a few times, as a server may be briefly away.</summary>
    Silent,

    /// <summary>Anything else (refused, rejected, dropped): the answer stands.</summary>
    Final,
}
