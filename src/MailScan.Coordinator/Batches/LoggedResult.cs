using Google.Protobuf;
using MailScan.Contracts.V1;

namespace MailScan.Coordinator.Batches;

/// <summary>
/// One entry of a batch's result log: its cursor and the report, as protobuf bytes of DomainReport
/// or as the message a store already read them into, so a reader that wants the message does not
/// get it written to bytes and parsed back.
/// </summary>
public sealed class LoggedResult
{
    private readonly DomainReport? _message;
    private byte[]? _bytes;

    public LoggedResult(long cursor, byte[] report) => (Cursor, _bytes) = (cursor, report);

    /// <summary>A report the store made for this reader alone; it is handed on, not copied.</summary>
    public LoggedResult(long cursor, DomainReport report) => (Cursor, _message) = (cursor, report);

    public long Cursor { get; }

    /// <summary>The report as protobuf bytes (written from the message on first use).</summary>
    public byte[] Report => _bytes ??= _message!.ToByteArray();

    /// <summary>The report as a message of its own (the store's, or parsed from the bytes on each call).</summary>
    public DomainReport Message() => _message ?? DomainReport.Parser.ParseFrom(_bytes);
}
