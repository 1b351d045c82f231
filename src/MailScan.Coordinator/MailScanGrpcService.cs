using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MailScan.Checks.Input;
using MailScan.Checks.Scanning;
using MailScan.Contracts.V1;
using MailScan.Coordinator.Access;
using MailScan.Coordinator.Batches;
using MailScan.Coordinator.Reports;
using MailScan.Coordinator.Workers;

using Microsoft.Extensions.Options;

using ScanEvent = MailScan.Contracts.V1.ScanEvent;

namespace MailScan.Coordinator;

/// <summary>The gRPC face of the scanner: maps requests to the domain scanner and the batch service, and their answers to the contract, nothing more.</summary>
public sealed class MailScanGrpcService(
    DomainScanner scanner, BatchService batches, BatchQuotas quotas, OpenStreams streams, ProbeFamilyWatch workers, IOptions<AccessOptions> access, TimeProvider time)
    : MailScanService.MailScanServiceBase
{
    public override async Task ScanDomain(ScanDomainRequest request, IServerStreamWriter<ScanEvent> responseStream, ServerCallContext context)
    {
        var (domain, error) = DomainName.FromInput(request.Domain);
        if (domain is null)
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, $"invalid domain name: {error!.Reason}"));
        var caller = ApiKeyInterceptor.Caller(context);
        using var open = await Guard(() => Task.FromResult(streams.Open(caller?.Name))).ConfigureAwait(false);
        if (caller is not null)
            await Guard(async () => { await quotas.ChargeScanAsync(caller, context.CancellationToken).ConfigureAwait(false); return true; }).ConfigureAwait(false);
        try
        {
            await foreach (var step in scanner.ScanAsync(domain, context.CancellationToken).ConfigureAwait(false))
            {
                var message = step switch
                {
                    ServersDiscovered d => new ScanEvent { Servers = ReportMapper.ToProto(d.Servers) },
                    CategoryCompleted c => new ScanEvent { Category = ReportMapper.ToProto(c.Category) },
                    ScanCompleted s => new ScanEvent { Report = ReportMapper.ToProto(s.Report) },
                    _ => null,
                };
                if (message is not null)
                    await responseStream.WriteAsync(message, context.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (ScanFailedException ex)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, ex.Message));
        }
    }

    public override Task<SubmitBatchResponse> SubmitBatch(IAsyncStreamReader<SubmitBatchRequest> requestStream, ServerCallContext context) =>
        Guard(async () =>
        {
            var caller = ApiKeyInterceptor.Caller(context);
            var daily = caller is null ? null : await quotas.DailyNamesAsync(caller, context.CancellationToken).ConfigureAwait(false);
            using var deadline = new CancellationTokenSource(access.Value.SubmitTimeout, time);
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, deadline.Token);
            var collector = batches.NewCollector();
            var label = string.Empty;
            var files = 0;
            try
            {
                await foreach (var chunk in requestStream.ReadAllAsync(reading.Token).ConfigureAwait(false))
                {
                    // Limits hold as chunks arrive: a stream past them is refused at once, not read to its end.
                    if ((chunk.Label?.Length ?? 0) > BatchService.MaxLabelLength)
                        throw new BatchRequestException(BatchProblem.InvalidRequest, $"the label is longer than {BatchService.MaxLabelLength} characters");
                    foreach (var name in chunk.Names)
                        collector.Add(name);
                    if (!string.IsNullOrEmpty(chunk.FilePath) && ++files > 1)
                        throw new BatchRequestException(BatchProblem.InvalidRequest, "a batch takes one server-side file; submit another batch for the next");
                    if (!string.IsNullOrEmpty(chunk.FilePath))
                        await batches.AddFileAsync(collector, chunk.FilePath, reading.Token).ConfigureAwait(false);
                    if (caller is not null)
                        BatchQuotas.CheckDailyNames(caller, daily, collector.Names.Count);
                    if (collector.OverLimit)
                        break;
                    if (label.Length == 0)
                        label = chunk.Label ?? string.Empty;
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
            {
                throw new BatchRequestException(BatchProblem.TooSlow,
                    $"the names were not all sent within {access.Value.SubmitTimeout} (Access:SubmitTimeout); send them faster or split the batch");
            }
            await using var admission = caller is null ? null
                : await quotas.AdmitBatchAsync(caller, collector.Names.Count, context.CancellationToken).ConfigureAwait(false);
            var submission = await batches.SubmitAsync(collector, Owner(context), label, context.CancellationToken).ConfigureAwait(false);
            if (admission is not null)
                await admission.CommitAsync(submission.Batch.Id, context.CancellationToken).ConfigureAwait(false);
            var response = new SubmitBatchResponse
            {
                BatchId = submission.Batch.Id,
                Accepted = (ulong)submission.Batch.Total,
                Duplicates = (ulong)submission.Duplicates,
                RejectedCount = (ulong)submission.RejectedCount,
            };
            response.Rejected.AddRange(submission.Rejected.Select(r => new Contracts.V1.RejectedName { Position = (ulong)r.Position, Input = r.Input, Reason = r.Reason }));
            return response;
        });

    public override Task StreamBatchResults(StreamBatchResultsRequest request, IServerStreamWriter<BatchResult> responseStream, ServerCallContext context) =>
        Guard(async () =>
        {
            using var open = streams.Open(ApiKeyInterceptor.Caller(context)?.Name);
            var after = request.AfterCursor > long.MaxValue ? long.MaxValue : (long)request.AfterCursor;
            await foreach (var result in batches.FollowAsync(request.BatchId, Owner(context), after, context.CancellationToken).ConfigureAwait(false))
            {
                var message = new BatchResult { Cursor = (ulong)result.Cursor, Report = result.Message() };
                await responseStream.WriteAsync(message, context.CancellationToken).ConfigureAwait(false);
            }
            return true;
        });

    public override Task<BatchStatus> GetBatch(GetBatchRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            var status = ToProto(await batches.GetAsync(request.BatchId, Owner(context), context.CancellationToken).ConfigureAwait(false));
            if (status.State == BatchState.Running)
                status.FamiliesWithoutWorker.AddRange(workers.FamiliesWithoutConsumer);
            return status;
        });

    public override Task<BatchStatus> CancelBatch(CancelBatchRequest request, ServerCallContext context) =>
        Guard(async () => ToProto(await batches.CancelAsync(request.BatchId, Owner(context), context.CancellationToken).ConfigureAwait(false)));

    /// <summary>Who owns the batches of this call: the name of its API key, "" when the API is open.</summary>
    private static string Owner(ServerCallContext context) => ApiKeyInterceptor.Caller(context)?.Name ?? BatchService.KeylessOwner;

    /// <summary>The batch status of the contract.</summary>
    public static BatchStatus ToProto(BatchProgress progress)
    {
        var batch = progress.Batch;
        return new BatchStatus
        {
            BatchId = batch.Id,
            Label = batch.Label,
            State = batch.Phase switch
            {
                BatchPhase.Running => BatchState.Running,
                BatchPhase.Completed => BatchState.Completed,
                _ => BatchState.Cancelled,
            },
            Total = (ulong)batch.Total,
            Done = (ulong)batch.Done,
            Failed = (ulong)batch.Failed,
            InFlight = (ulong)batch.InFlight,
            Pending = (ulong)batch.Pending,
            CreatedAt = Timestamp.FromDateTimeOffset(batch.CreatedAt),
            FinishedAt = batch.FinishedAt is { } finished ? Timestamp.FromDateTimeOffset(finished) : null,
            DomainsPerSecond = progress.DomainsPerSecond,
            EtaSeconds = progress.Remaining?.TotalSeconds ?? 0,
            LastCursor = (ulong)batch.LastCursor,
            WaitingOnStrictServers = (ulong)batch.WaitingOnStrictServers,
        };
    }

    /// <summary>Batch problems become their gRPC status codes; a store that cannot be reached is Unavailable.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (BatchRequestException ex)
        {
            var code = ex.Problem switch
            {
                BatchProblem.TooLarge or BatchProblem.OverQuota => StatusCode.ResourceExhausted,
                BatchProblem.UnknownBatch => StatusCode.NotFound,
                BatchProblem.NotAllowed => StatusCode.FailedPrecondition,
                BatchProblem.Busy => StatusCode.Unavailable,
                BatchProblem.TooSlow => StatusCode.DeadlineExceeded,
                _ => StatusCode.InvalidArgument,
            };
            throw new RpcException(new Grpc.Core.Status(code, ex.Message));
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Redis's own text names endpoints and settings: it stays on the server (the status's debug exception), the client learns what it can act on.
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "the batch store cannot be reached; try again later", ex));
        }
    }
}
