using System.Globalization;
using System.Text;

namespace MailScan.Checks.Tests.Smtp;

/// <summary>
/// A dialogue recorded off a lab mail server (Dialogues/*.dialogue, written by Dialogues/record):
/// the server's chunks ('S:'), the client's ('C:'), a reset ('X:'), in order.
/// </summary>
internal sealed record SmtpDialogue(string Name, IReadOnlyList<SmtpDialogue.Step> Steps)
{
    public enum Side { Server, Client, Reset }

    public sealed record Step(Side Side, byte[] Bytes);

    /// <summary>Every byte the server sent, in order.</summary>
    public byte[] ServerBytes => Steps.Where(s => s.Side == Side.Server).SelectMany(s => s.Bytes).ToArray();

    public static SmtpDialogue Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Dialogues", name + ".dialogue");
        var steps = new List<Step>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("S: ", StringComparison.Ordinal))
                steps.Add(new Step(Side.Server, Unescape(line[3..])));
            else if (line.StartsWith("C: ", StringComparison.Ordinal))
                steps.Add(new Step(Side.Client, Unescape(line[3..])));
            else if (line.StartsWith("X: ", StringComparison.Ordinal))
                steps.Add(new Step(Side.Reset, []));
        }
        return new SmtpDialogue(name, steps);
    }

    private static byte[] Unescape(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                bytes.Add((byte)text[i]);
                continue;
            }
            var next = text[++i];
            switch (next)
            {
                case 'r': bytes.Add((byte)'\r'); break;
                case 'n': bytes.Add((byte)'\n'); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case 'x':
                    bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                default: throw new FormatException($"unknown escape \\{next} in a dialogue");
            }
        }
        return [.. bytes];
    }

    public override string ToString() => Name + ": " + string.Join(" | ", Steps.Select(s => $"{s.Side} {Encoding.Latin1.GetString(s.Bytes)}"));
}
