namespace MailScan.Tls.Renegotiation;

/// <summary>One read of the record layer: a record (its plaintext null when it did not decrypt), or why there was none.</summary>
internal sealed record RecordRead(RecordReadState State, byte Type, byte[]? Plaintext)
{
    public static RecordRead Closed { get; } = new(RecordReadState.Closed, 0, null);

    public static RecordRead Silent { get; } = new(RecordReadState.Silent, 0, null);

    public static RecordRead NotTls { get; } = new(RecordReadState.NotTls, 0, null);
}
