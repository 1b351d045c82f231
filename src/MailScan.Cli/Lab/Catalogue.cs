using System.Text.Json;

namespace MailScan.Cli.Lab;

/// <summary>The lab's catalogue: every lab domain with the status each category and sub-test must get.</summary>
internal sealed record Catalogue(string? Description, IReadOnlyList<CatalogueDomain> Domains)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <exception cref="InvalidDataException">The file is missing or not a catalogue.</exception>
    public static Catalogue Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"catalogue '{path}' does not exist");
        try
        {
            var catalogue = JsonSerializer.Deserialize<Catalogue>(File.ReadAllText(path), Json);
            if (catalogue?.Domains is null)
                throw new InvalidDataException($"catalogue '{path}' has no \"domains\" list");
            return catalogue;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"catalogue '{path}' is not valid JSON: {ex.Message}", ex);
        }
    }
}
