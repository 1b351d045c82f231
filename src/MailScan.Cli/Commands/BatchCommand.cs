using System.CommandLine;
using System.Diagnostics;
using Grpc.Core;
using MailScan.Coordinator.Reports;
using MailScan.Checks.Input;
using MailScan.Cli.Batch;
using MailScan.Cli.Output;
using MailScan.Redis.Hosting;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Commands;

/// <summary>
/// <c>mailscan batch FILE</c>: scans every name of a file, embedded or on a coordinator
/// (--server), with progress on stderr and the reports in a JSONL or CSV file; --resume carries
/// on after an interruption without losing or repeating a domain.
/// </summary>
internal static class BatchCommand
{
    private static readonly TimeSpan ReconnectFor = TimeSpan.FromMinutes(2);

    public static Command Create(GlobalOptions global)
    {
        var file = new Argument<string>("file") { Description = "names to scan, one per line (# comments, blank lines, duplicates and a BOM are fine; invalid lines are reported and skipped)" };
        var server = new Option<string?>("--server") { Description = "a coordinator's gRPC URL, e.g. http://127.0.0.1:5080 or https://scanner.example.org:5443 (default: scan in this process)", HelpName = "URL" };
        var output = new Option<string?>("--out", "-o") { Description = "results file (default: FILE with .results.jsonl or .results.csv)", HelpName = "PATH" };
        var format = new Option<string?>("--format") { Description = "jsonl (a report per line), csv (a status per category and sub-test) or internetnl (Internet.nl's batch results JSON, with a JSONL log beside it); default from --out, else jsonl", HelpName = "jsonl|csv|internetnl" };
        var fullEvidence = new Option<bool>("--full-evidence") { Description = "write every report with all of its hosts' evidence, as plain JSONL (default: compact, each host's evidence once, gzip)" };
        var resume = new Option<bool>("--resume") { Description = "continue an interrupted batch: keep the results file and scan only what it lacks" };
        var label = new Option<string?>("--label") { Description = "a label for the batch on the coordinator", HelpName = "TEXT" };
        var keyFile = new Option<string?>("--api-key-file") { Description = $"a file holding the coordinator's API key (default: the {ClientApiKey.EnvironmentVariable} environment variable)", HelpName = "PATH" };
        var caFile = new Option<string?>("--ca-file") { Description = "PEM CA certificate(s) that an https:// coordinator's certificate must chain to (default: the system's roots)", HelpName = "PATH" };
        var clientCert = new Option<string?>("--client-cert") { Description = "PEM client certificate for a coordinator that asks for one (mutual TLS), with --client-key", HelpName = "PATH" };
        var clientKey = new Option<string?>("--client-key") { Description = "PEM private key of --client-cert", HelpName = "PATH" };
        var command = new Command("batch", "Scan every domain of a file and write the reports (embedded, or on a coordinator with --server)")
            { file, server, output, format, fullEvidence, resume, label, keyFile, caFile, clientCert, clientKey };
        command.SetAction((result, cancellationToken) => RunAsync(global, result, new BatchRequest(
            result.GetValue(file)!, result.GetValue(server), result.GetValue(output), result.GetValue(format), result.GetValue(fullEvidence), result.GetValue(resume), result.GetValue(label), result.GetValue(keyFile),
            new CoordinatorTls(result.GetValue(caFile), result.GetValue(clientCert), result.GetValue(clientKey))), cancellationToken));
        return command;
    }

    private sealed record BatchRequest(string File, string? Server, string? Output, string? Format, bool FullEvidence, bool Resume, string? Label, string? ApiKeyFile, CoordinatorTls Tls);

    private static async Task<int> RunAsync(GlobalOptions global, ParseResult parsed, BatchRequest request, CancellationToken cancellationToken)
    {
        if (!File.Exists(request.File))
            return Fail(ExitCodes.BadInput, $"no file '{request.File}'");
        if (!TryFormat(request, out var format, out var formatError))
            return Fail(ExitCodes.BadInput, formatError);
        if (request.Server is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return Fail(ExitCodes.BadInput, $"--server: '{url}' is not a URL such as http://127.0.0.1:5080");
        if (request.Tls.Errors(request.Server).FirstOrDefault() is { } tlsError)
            return Fail(ExitCodes.BadInput, tlsError);
        var document = format == ResultFormat.InternetNl ? request.Output ?? Path.ChangeExtension(request.File, ".internetnl.json") : null;
        var output = document is not null ? Path.ChangeExtension(document, ".jsonl") : request.Output ?? Path.ChangeExtension(request.File, format == ResultFormat.Csv ? ".results.csv" : ".results.jsonl");
        if (File.Exists(output) && !request.Resume)
            return Fail(ExitCodes.BadInput, $"'{output}' exists; add --resume to continue that batch, or remove the file");
        if (!ClientApiKey.TryRead(request.ApiKeyFile, Environment.GetEnvironmentVariable(ClientApiKey.EnvironmentVariable), out var apiKey, out var keyError))
            return Fail(ExitCodes.BadInput, keyError);
        var settings = CliRun.LoadSettings(global, parsed, out var exit);
        if (settings is null)
            return exit;

        var names = await ReadNamesAsync(request.File, settings.Cluster, cancellationToken).ConfigureAwait(false);
        if (names is null)
            return ExitCodes.BadInput;

        return await CliRun.GuardAsync(global.LogLevel(parsed), async () =>
        {
            await using var backend = request.Server is { } server
                ? (IBatchBackend)new GrpcBatchBackend(server, apiKey, request.Tls)
                : await LocalBatchBackend.StartAsync(settings, global.LogLevel(parsed), cancellationToken).ConfigureAwait(false);
            try
            {
                var exit = await RunBatchAsync(backend, request, names, output, format, cancellationToken).ConfigureAwait(false);
                return exit == ExitCodes.Scanned && document is not null
                    ? await WriteInternetNlAsync(output, document, request.Label ?? Path.GetFileName(request.File), cancellationToken).ConfigureAwait(false)
                    : exit;
            }
            catch (RpcException ex) when (ex.StatusCode is not StatusCode.Cancelled)
            {
                return Fail(ExitCode(ex.StatusCode), $"{backend.Name}: {ex.Status.Detail}");
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                // A TLS handshake the coordinator ends (no client certificate it accepts) can surface
                // outside a gRPC status, from the request stream of SubmitBatch.
                return Fail(ExitCodes.CouldNotScan, $"{backend.Name}: the connection failed: {ex.Message}");
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"interrupted; the results so far are in {output}; run the same command with --resume to continue");
                return 130;
            }
        }).ConfigureAwait(false);
    }

    private static async Task<int> RunBatchAsync(IBatchBackend backend, BatchRequest request, IReadOnlyList<DomainName> names, string output, ResultFormat format, CancellationToken cancellationToken)
    {
        var reported = request.Resume ? await ResultFile.ReportedDomainsAsync(output, format, cancellationToken).ConfigureAwait(false) : [];
        var (batchId, cursor) = await ContinueOrSubmitAsync(backend, request, names, reported, output, cancellationToken).ConfigureAwait(false);
        if (batchId is null)
        {
            Console.Error.WriteLine($"every name is in {output} already; nothing to scan");
            return ExitCodes.Scanned;
        }

        var clock = Stopwatch.StartNew();
        var written = 0L;
        await using (var writer = format == ResultFormat.Csv ? (IResultWriter)new CsvResultWriter(output) : new JsonlResultWriter(output, request.FullEvidence))
        {
            using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var progress = ShowProgressAsync(backend, batchId, stopProgress.Token);
            var checkpoint = new CheckpointWriter(request.Server, batchId, output);
            await foreach (var result in FollowAsync(backend, batchId, cursor, cancellationToken).ConfigureAwait(false))
            {
                if (reported.Add(result.Report.Domain))
                {
                    await writer.WriteAsync(result.Report, cancellationToken).ConfigureAwait(false);
                    written++;
                }
                checkpoint.Advance(result.Cursor);
            }
            checkpoint.Flush();
            await stopProgress.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
        }

        var status = await backend.GetAsync(batchId, cancellationToken).ConfigureAwait(false);
        var failed = status is null ? string.Empty : $" ({status.Failed} of the batch's {status.Done} could not be scanned)";
        Console.Error.WriteLine($"{written} domains written to {output} in {clock.Elapsed.TotalSeconds:0.0} s{failed}");
        if (status?.State == V1.BatchState.Cancelled)
            return Fail(ExitCodes.CouldNotScan, $"batch {batchId} was cancelled on {backend.Name} before every domain was scanned");
        return ExitCodes.Scanned;
    }

    /// <summary>Internet.nl's results document of every report in the log.</summary>
    private static async Task<int> WriteInternetNlAsync(string log, string document, string name, CancellationToken cancellationToken)
    {
        var reports = await ReportLines.ReadAsync(log, Console.Error, cancellationToken).ConfigureAwait(false);
        var json = Coordinator.InternetNl.InternetNlResults.ToJson(Coordinator.InternetNl.InternetNlResults.From(reports, name));
        await File.WriteAllTextAsync(document, json + "\n", ResultFile.Utf8, cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"{reports.Count} domains in Internet.nl's batch results form in {document} (the reports: {log})");
        return ExitCodes.Scanned;
    }

    /// <summary>The batch to follow: the checkpointed one when the coordinator still has it, else a new one of the names not yet in the results file.</summary>
    private static async Task<(string? BatchId, ulong Cursor)> ContinueOrSubmitAsync(
        IBatchBackend backend, BatchRequest request, IReadOnlyList<DomainName> names, HashSet<string> reported, string output, CancellationToken cancellationToken)
    {
        if (request.Resume && request.Server is { } server && BatchCheckpoint.Load(output) is { } saved && saved.Server == server
            && await backend.GetAsync(saved.BatchId, cancellationToken).ConfigureAwait(false) is not null)
        {
            Console.Error.WriteLine($"resuming batch {saved.BatchId} on {server} after result {saved.Cursor}");
            return (saved.BatchId, saved.Cursor);
        }
        var remaining = names.Where(n => !reported.Contains(n.Ascii)).ToList();
        if (remaining.Count == 0)
            return (null, 0);
        if (reported.Count > 0)
            Console.Error.WriteLine($"{reported.Count} domains are in {output} already; scanning the other {remaining.Count}");
        var submitted = await backend.SubmitAsync(remaining, request.Label ?? Path.GetFileName(request.File), cancellationToken).ConfigureAwait(false);
        if (request.Server is { } url)
            new BatchCheckpoint(url, submitted.BatchId, 0).Save(output);
        Console.Error.WriteLine($"batch {submitted.BatchId} on {backend.Name}: {submitted.Accepted} domains");
        return (submitted.BatchId, 0);
    }

    /// <summary>The result stream; when the coordinator goes away it reconnects from the last cursor for a while.</summary>
    private static async IAsyncEnumerable<V1.BatchResult> FollowAsync(IBatchBackend backend, string batchId, ulong cursor,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lostSince = (DateTimeOffset?)null;
        while (true)
        {
            var stream = backend.StreamAsync(batchId, cursor, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    V1.BatchResult current;
                    try
                    {
                        if (!await stream.MoveNextAsync().ConfigureAwait(false))
                            yield break;
                        current = stream.Current;
                    }
                    catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown)
                    {
                        lostSince ??= DateTimeOffset.UtcNow;
                        if (DateTimeOffset.UtcNow - lostSince > ReconnectFor)
                            throw;
                        Console.Error.WriteLine($"{backend.Name}: {TerminalText.Clean(ex.Status.Detail)}; reconnecting from result {cursor}");
                        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    lostSince = null;
                    cursor = current.Cursor;
                    yield return current;
                }
            }
            finally
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task ShowProgressAsync(IBatchBackend backend, string batchId, CancellationToken cancellationToken)
    {
        var line = new ProgressLine(Console.Error, !Console.IsErrorRedirected, TimeProvider.System);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    if (await backend.GetAsync(batchId, cancellationToken).ConfigureAwait(false) is { } status)
                        line.Show(status);
                }
                catch (RpcException)
                {
                    // The result stream reports a lost coordinator; the bar just waits.
                }
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The batch is done.
        }
        line.End();
    }

    /// <summary>The names of the file; invalid lines are listed with their numbers. Null when nothing can be scanned.</summary>
    private static async Task<IReadOnlyList<DomainName>?> ReadNamesAsync(string path, ClusterOptions cluster, CancellationToken cancellationToken)
    {
        var collector = new BatchNameCollector(cluster.BatchMaxNames);
        using (var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true))
            await collector.AddLinesAsync(reader, cancellationToken).ConfigureAwait(false);
        foreach (var rejected in collector.Rejected)
            Console.Error.WriteLine($"{path}:{rejected.Position}: skipped: {TerminalText.Clean(rejected.Reason)}");
        if (collector.RejectedCount > collector.Rejected.Count)
            Console.Error.WriteLine($"{path}: ... and {collector.RejectedCount - collector.Rejected.Count} more invalid lines");
        if (collector.OverLimit)
        {
            Fail(ExitCodes.BadInput, $"{path} has more than {cluster.BatchMaxNames} distinct names (Cluster:BatchMaxNames); split it");
            return null;
        }
        if (collector.Names.Count == 0)
        {
            Fail(ExitCodes.BadInput, $"{path} has no valid domain name");
            return null;
        }
        Console.Error.WriteLine($"{path}: {collector.Names.Count} domains ({collector.Duplicates} duplicates and {collector.RejectedCount} invalid lines left out)");
        return collector.Names;
    }

    private static bool TryFormat(BatchRequest request, out ResultFormat format, out string error)
    {
        error = string.Empty;
        var text = (request.Format ?? (request.Output?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true ? "csv" : "jsonl")).ToLowerInvariant();
        format = text switch
        {
            "csv" => ResultFormat.Csv,
            "internetnl" => ResultFormat.InternetNl,
            _ => ResultFormat.Jsonl,
        };
        if (text is "csv" or "jsonl" or "internetnl")
            return true;
        error = $"--format: '{text}' is none of jsonl, csv, internetnl";
        return false;
    }

    /// <summary>The exit code of a call the coordinator refused.</summary>
    private static int ExitCode(StatusCode status) => status switch
    {
        StatusCode.InvalidArgument => ExitCodes.BadInput,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => ExitCodes.NotAuthorized,
        StatusCode.ResourceExhausted => ExitCodes.OverLimit,
        _ => ExitCodes.CouldNotScan,
    };

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"error: {TerminalText.Clean(message)}");
        return code;
    }
}
