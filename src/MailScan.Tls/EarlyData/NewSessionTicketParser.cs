using MailScan.Parsing;
using MailScan.Tls.Codec;

namespace MailScan.Tls.EarlyData;

/// <summary>Parses a TLS 1.3 NewSessionTicket body (RFC 8446 §4.6.1), without its handshake header. Pure and total.</summary>
internal static class NewSessionTicketParser
{
    private const ushort EarlyData = 42;

    public static Parsed<NewSessionTicket, TlsParseError> Parse(ReadOnlySpan<byte> body, int origin)
    {
        var reader = new TlsReader(body, origin);
        if (!reader.TryU32(out var lifetime) || !reader.TryU32(out _))
            return Parsed<NewSessionTicket, TlsParseError>.Fail(new(reader.Position, "NewSessionTicket too short for lifetime and age_add"));
        if (!reader.TryVector8(out _))
            return Parsed<NewSessionTicket, TlsParseError>.Fail(new(reader.Position, "NewSessionTicket nonce is truncated"));
        if (!reader.TryVector16(out var ticket) || ticket.Length == 0)
            return Parsed<NewSessionTicket, TlsParseError>.Fail(new(reader.Position, "NewSessionTicket ticket is empty or truncated"));
        if (!reader.TryVector16(out var extensions) || reader.Remaining != 0)
            return Parsed<NewSessionTicket, TlsParseError>.Fail(new(reader.Position, "NewSessionTicket extensions block is malformed"));
        uint? maxEarlyData = null;
        var ext = new TlsReader(extensions, reader.Position - extensions.Length);
        while (ext.Remaining > 0)
        {
            if (!ext.TryU16(out var type) || !ext.TryVector16(out var data))
                return Parsed<NewSessionTicket, TlsParseError>.Fail(new(ext.Position, "NewSessionTicket extension is truncated"));
            if (type != EarlyData)
                continue;
            var value = new TlsReader(data, ext.Position - data.Length);
            if (maxEarlyData is not null || !value.TryU32(out var size) || value.Remaining != 0)
                return Parsed<NewSessionTicket, TlsParseError>.Fail(new(ext.Position, "early_data in NewSessionTicket is repeated or not one max_early_data_size"));
            maxEarlyData = size;
        }
        return Parsed<NewSessionTicket, TlsParseError>.Ok(new NewSessionTicket(lifetime, maxEarlyData));
    }
}
