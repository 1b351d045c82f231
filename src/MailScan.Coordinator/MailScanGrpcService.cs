using Grpc.Core;
using MailScan.Checks.Input;
using MailScan.Checks.Scanning;
using MailScan.Contracts.V1;
using ScanEvent = MailScan.Contracts.V1.ScanEvent;
using MailScan.Coordinator.Reports;

namespace MailScan.Coordinator;

/// <summary>The gRPC face of the scanner: maps requests to the domain scanner and its events to the contract, nothing more.</summary>
public sealed class MailScanGrpcService(DomainScanner scanner) : MailScanService.MailScanServiceBase
{
    public override async Task ScanDomain(ScanDomainRequest request, IServerStreamWriter<ScanEvent> responseStream, ServerCallContext context)
    {
        if (!DomainName.TryParse(request.Domain, out var domain, out var error))
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, $"invalid domain name: {error}"));
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
}
