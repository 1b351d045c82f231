using System.Text.Json;

namespace MailScan.Cli.Batch;

/// <summary>
/// Where a batch on a coordinator stands for this client, beside the results file
/// (RESULTS.batch.json): the server, the batch id and the cursor of the last result written.
/// `--resume` reconnects from there, so nothing is missed and nothing is written twice.
/// </summary>
internal sealed record BatchCheckpoint(string Server, string BatchId, ulong Cursor)
{
    public static string PathFor(string results) => results + ".batch.json";

    public static BatchCheckpoint? Load(string results)
    {
        try
        {
            return File.Exists(PathFor(results)) ? JsonSerializer.Deserialize<BatchCheckpoint>(File.ReadAllText(PathFor(results))) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Written to a temporary file and moved over the old one, so a crash never leaves half a checkpoint.</summary>
    public void Save(string results)
    {
        var path = PathFor(results);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
