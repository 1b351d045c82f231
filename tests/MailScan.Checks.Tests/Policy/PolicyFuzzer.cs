using System.Text;

namespace MailScan.Checks.Tests.Policy;

/// <summary>Makes random and mutated policy records from seeds and a token alphabet, with an injected random source.</summary>
internal sealed class PolicyFuzzer(Random random, IReadOnlyList<string> seeds, IReadOnlyList<string> tokens)
{
    private static readonly char[] Odd = ['\0', '\t', '\r', '\n', ' ', ';', '=', ':', '/', '%', '{', '}', '!', ',', '.', '-', '~', '?', '+', '*', '\u00e9', '\u0096', '\uFEFF', '\u7f16', (char)127];

    /// <summary>The next input: a mutated seed most of the time, else a string of tokens and odd characters.</summary>
    public string Next() => random.Next(4) == 0 ? Compose() : Mutate(seeds[random.Next(seeds.Count)]);

    private string Compose()
    {
        var text = new StringBuilder();
        var count = random.Next(0, 12);
        for (var i = 0; i < count; i++)
        {
            text.Append(random.Next(3) == 0 ? Odd[random.Next(Odd.Length)].ToString() : tokens[random.Next(tokens.Count)]);
            if (random.Next(2) == 0)
                text.Append(' ');
        }
        return text.ToString();
    }

    private string Mutate(string seed)
    {
        var text = new StringBuilder(seed);
        var edits = random.Next(1, 5);
        for (var i = 0; i < edits; i++)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length + 1);
            switch (random.Next(6))
            {
                case 0 when text.Length > 0 && at < text.Length:
                    text.Remove(at, Math.Min(text.Length - at, random.Next(1, 6)));
                    break;
                case 1 when text.Length > 0 && at < text.Length:
                    text[at] = Odd[random.Next(Odd.Length)];
                    break;
                case 2:
                    text.Insert(at, tokens[random.Next(tokens.Count)]);
                    break;
                case 3 when text.Length > 0 && at < text.Length:
                    text[at] = (char)random.Next(0, 256);
                    break;
                case 4:
                    text.Insert(at, new string(Odd[random.Next(Odd.Length)], random.Next(1, 4)));
                    break;
                default:
                    text.Append(text.ToString(0, Math.Min(text.Length, random.Next(0, 20))));
                    break;
            }
        }
        return text.ToString();
    }
}
