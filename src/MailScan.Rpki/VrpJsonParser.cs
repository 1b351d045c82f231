using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using MailScan.Parsing;

namespace MailScan.Rpki;

/// <summary>
/// Reads the VRP JSON export of rpki-client, Routinator, StayRTR and OctoRPKI:
/// <c>{"metadata":{...},"roas":[{"asn":64500 | "AS64500","prefix":"192.0.2.0/24","maxLength":24,"ta":"..."}]}</c>.
/// Pure and total: bad input gives an error with the byte position and the entry, never an exception.
/// </summary>
public static class VrpJsonParser
{
    public static Parsed<VrpDocument, RpkiParseError> Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        try
        {
            return ParseRoot(ref reader);
        }
        catch (JsonException ex)
        {
            return Parsed<VrpDocument, RpkiParseError>.Fail(new RpkiParseError($"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}", "not valid JSON: " + FirstSentence(ex.Message)));
        }
        catch (InvalidOperationException ex)
        {
            // The reader refuses some values (invalid UTF-8 in a string) this way; still bad input, not our fault.
            return Parsed<VrpDocument, RpkiParseError>.Fail(new RpkiParseError($"byte {reader.BytesConsumed}", "not valid JSON: " + FirstSentence(ex.Message)));
        }
    }

    private static Parsed<VrpDocument, RpkiParseError> ParseRoot(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return Fail(ref reader, "the document is not a JSON object");
        List<Vrp>? vrps = null;
        DateTimeOffset? generated = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("roas"u8) || reader.ValueTextEquals("vrps"u8))
            {
                reader.Read();
                var error = ReadRoas(ref reader, vrps ??= []);
                if (error is not null)
                    return Parsed<VrpDocument, RpkiParseError>.Fail(new RpkiParseError(error.Position, error.Reason));
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                    generated = ReadGenerated(ref reader);
                else
                    reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
            return Fail(ref reader, "the document ends early");
        if (reader.Read())
            return Fail(ref reader, "data after the end of the document");
        return vrps is null
            ? Parsed<VrpDocument, RpkiParseError>.Fail(new RpkiParseError("byte 0", "no \"roas\" array: not a VRP export"))
            : Parsed<VrpDocument, RpkiParseError>.Ok(new VrpDocument(vrps, generated));
    }

    private static RpkiParseError? ReadRoas(ref Utf8JsonReader reader, List<Vrp> vrps)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return Error(ref reader, "\"roas\" is not an array");
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = reader.TokenStartIndex;
            var error = ReadRoa(ref reader, out var vrp);
            if (error is not null)
                return new RpkiParseError($"byte {start} (roas[{index}])", error);
            vrps.Add(vrp);
            index++;
        }
        return null;
    }

    private static string? ReadRoa(ref Utf8JsonReader reader, out Vrp vrp)
    {
        vrp = default;
        if (reader.TokenType != JsonTokenType.StartObject)
            return "an entry is not an object";
        IpPrefix? prefix = null;
        int? maxLength = null;
        uint? asn = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var error = ReadRoaField(ref reader, ref prefix, ref maxLength, ref asn);
            if (error is not null)
                return error;
        }
        if (prefix is not { } p)
            return "no \"prefix\"";
        if (asn is not { } a)
            return "no \"asn\"";
        var max = maxLength ?? p.Length;
        if (max < p.Length || max > p.Width)
            return $"maxLength {max} is outside {p.Length}-{p.Width} for {p}";
        vrp = new Vrp(p, (byte)max, a);
        return null;
    }

    /// <summary>Reads one property of a ROA entry; unknown ones (ta, expires, source, ...) are skipped.</summary>
    private static string? ReadRoaField(ref Utf8JsonReader reader, ref IpPrefix? prefix, ref int? maxLength, ref uint? asn)
    {
        if (reader.ValueTextEquals("prefix"u8))
        {
            reader.Read();
            var error = ReadPrefix(ref reader, out var parsed);
            prefix = parsed;
            return error;
        }
        if (reader.ValueTextEquals("maxLength"u8) || reader.ValueTextEquals("maxlen"u8))
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value) || value is < 0 or > 128)
                return "\"maxLength\" is not a number 0-128";
            maxLength = value;
            return null;
        }
        if (reader.ValueTextEquals("asn"u8))
        {
            reader.Read();
            var error = ReadAsn(ref reader, out var parsed);
            asn = parsed;
            return error;
        }
        reader.Read();
        reader.Skip();
        return null;
    }

    private static string? ReadPrefix(ref Utf8JsonReader reader, out IpPrefix? prefix)
    {
        prefix = null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length > 64)
            return "\"prefix\" is not a prefix string";
        Span<char> text = stackalloc char[64];
        var length = Encoding.ASCII.GetChars(reader.ValueSpan, text);
        if (!IpPrefix.TryParse(text[..length], out var parsed, out var error))
            return error;
        prefix = parsed;
        return null;
    }

    private static string? ReadAsn(ref Utf8JsonReader reader, out uint? asn)
    {
        asn = null;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetUInt32(out var number))
                return "\"asn\" is not a 32-bit AS number";
            asn = number;
            return null;
        }
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
            return "\"asn\" is not an AS number";
        var span = reader.ValueSpan;
        if (span.Length > 2 && (span[0] | 0x20) == 'a' && (span[1] | 0x20) == 's')
            span = span[2..];
        if (span.Length == 0 || span[0] is < (byte)'0' or > (byte)'9' || !Utf8Parser.TryParse(span, out uint value, out var used) || used != span.Length)
            return $"\"asn\" '{Encoding.ASCII.GetString(reader.ValueSpan[..Math.Min(reader.ValueSpan.Length, 32)])}' is not an AS number";
        asn = value;
        return null;
    }

    private static DateTimeOffset? ReadGenerated(ref Utf8JsonReader reader)
    {
        DateTimeOffset? generated = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTime = reader.ValueTextEquals("buildtime"u8) || reader.ValueTextEquals("generatedTime"u8);
            var isEpoch = reader.ValueTextEquals("generated"u8);
            reader.Read();
            if (isEpoch && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds) && seconds is > 0 and < 253402300800)
                generated = DateTimeOffset.FromUnixTimeSeconds(seconds);
            else if (isTime && reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time))
                generated = time;
            else
                reader.Skip();
        }
        return generated;
    }

    private static Parsed<VrpDocument, RpkiParseError> Fail(ref Utf8JsonReader reader, string reason) =>
        Parsed<VrpDocument, RpkiParseError>.Fail(new RpkiParseError($"byte {reader.TokenStartIndex}", reason));

    private static RpkiParseError Error(ref Utf8JsonReader reader, string reason) => new($"byte {reader.TokenStartIndex}", reason);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
