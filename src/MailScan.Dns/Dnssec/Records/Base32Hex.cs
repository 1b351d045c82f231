namespace MailScan.Dns.Dnssec.Records;

/// <summary>Base 32 with the extended hex alphabet, no padding (RFC 4648 §7), as NSEC3 owner labels use it.</summary>
public static class Base32Hex
{
    /// <summary>Decodes a label case-insensitively; null when it is not base32hex.</summary>
    public static byte[]? Decode(ReadOnlySpan<byte> text)
    {
        var output = new byte[text.Length * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var at = 0;
        foreach (var c in text)
        {
            int value = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'v' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'V' => c - 'A' + 10,
                _ => -1,
            };
            if (value < 0)
                return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                if (at < output.Length)
                    output[at++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        return buffer != 0 ? null : output;
    }

    public static string Encode(ReadOnlySpan<byte> data)
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuv";
        var text = new System.Text.StringBuilder();
        var buffer = 0;
        var bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(alphabet[(buffer >> bits) & 31]);
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0)
            text.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }
}
