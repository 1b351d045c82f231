namespace MailScan.Tls.Renegotiation;

/// <summary>What a read of the record layer met.</summary>
internal enum RecordReadState
{
    /// <summary>A whole record.</summary>
    Record,
    /// <summary>The server closed or reset the connection.</summary>
    Closed,
    /// <summary>Nothing arrived within the answer timeout.</summary>
    Silent,
    /// <summary>The bytes are not a TLS record.</summary>
    NotTls,
}
