namespace MailScan.Tests.Shared;

/// <summary>Text for fuzzing a parser of user input: characters drawn from an alphabet that reaches its branches.</summary>
internal static class RandomText
{
    /// <summary>Up to <paramref name="maxLength"/> characters, each drawn from <paramref name="alphabet"/>.</summary>
    public static string Next(Random random, string alphabet, int maxLength) =>
        new(Enumerable.Range(0, random.Next(0, maxLength)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
}
