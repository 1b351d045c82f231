using System.Text.Json;
using MailScan.Checks.Input;
using MailScan.Checks.Scanning;
using MailScan.Coordinator.Access;
using MailScan.Coordinator.Batches;
using MailScan.Coordinator.Reports;
using MailScan.Coordinator.Reports.Html;
using Microsoft.AspNetCore.Http;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Web;

/// <summary>
/// A scan asked for by the form, behind the same door, quotas and open-stream limits as ScanDomain: a browser with
/// the page's script gets server-sent events (each category as it completes, then the report);
/// one without is sent to the stored report's permalink once the scan is done.
/// </summary>
public sealed class WebScan(DomainScanner scanner, ApiKeyGate gate, BatchQuotas quotas, OpenStreams streams, IReportArchive archive)
{
    public bool AsksForKey => !gate.IsOpen;

    public async Task RunAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : FormCollection.Empty;
        var input = form["domain"].ToString().Trim();
        var streaming = context.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);
        var events = streaming ? new ServerSentEvents(context.Response) : null;
        var (domain, error) = DomainName.FromInput(input);
        var (problem, open) = domain is not null
            ? await AdmitAsync(context, form["key"].ToString()).ConfigureAwait(false)
            : ((error!.Reason, StatusCodes.Status400BadRequest), null);
        using var lease = open;
        if (problem is not null || domain is null)
        {
            await ShowProblemAsync(context, events, input, problem ?? (error!.Reason, StatusCodes.Status400BadRequest)).ConfigureAwait(false);
            return;
        }
        V1.DomainReport? report = null;
        try
        {
            await foreach (var step in scanner.ScanAsync(domain, context.RequestAborted).ConfigureAwait(false))
            {
                if (step is CategoryCompleted completed && events is not null)
                    await events.SendAsync("category", Json("id", completed.Category.Id, CategoryHtml.Of(ReportMapper.ToProto(completed.Category))), context.RequestAborted).ConfigureAwait(false);
                else if (step is ScanCompleted done)
                    report = ReportMapper.ToProto(done.Report);
            }
        }
        catch (ScanFailedException ex)
        {
            await ShowProblemAsync(context, events, input, ($"The scan could not be run: {ex.Message}", StatusCodes.Status503ServiceUnavailable)).ConfigureAwait(false);
            return;
        }
        if (report is null)
            return; // the scan was cut short (the browser went away): nothing to keep
        var permalink = WebEndpoints.ReportPath + await archive.KeepAsync(report, context.RequestAborted).ConfigureAwait(false);
        var shown = WebEndpoints.Absolute(context.Request, permalink);
        if (events is not null)
            await events.SendAsync("report", Json("url", permalink, WebPages.ReportBody(report, shown)), context.RequestAborted).ConfigureAwait(false);
        else
            SeeOther(context.Response, permalink);
    }

    /// <summary>A refusal or failure: an event for the page's script, else the form again with the reason and the status.</summary>
    private Task ShowProblemAsync(HttpContext context, ServerSentEvents? events, string input, (string Message, int Status) problem) =>
        events is not null
            ? events.SendAsync("problem", problem.Message, context.RequestAborted)
            : WebEndpoints.Html(context, WebPages.Form(AsksForKey, input, problem.Message), problem.Status);

    /// <summary>
    /// The scan's place among the open streams (Access:MaxOpenStreams, MaxOpenStreamsPerKey) when it may go
    /// ahead; else what to tell the person and the HTTP status of it.
    /// </summary>
    private async Task<((string Message, int Status)? Problem, IDisposable? Open)> AdmitAsync(HttpContext context, string formKey)
    {
        var presented = formKey.Length > 0 ? formKey : PresentedKey(context.Request.Headers);
        var decision = gate.Admit(presented, "web scan", context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!decision.Allowed)
        {
            var message = decision.Refusal == AccessRefusal.Unauthenticated && presented is null ? "This coordinator asks for an API key: enter yours beside the domain name." : decision.Message;
            return ((message, decision.Refusal == AccessRefusal.RateLimited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized), null);
        }
        IDisposable? open = null;
        try
        {
            open = streams.Open(decision.Key?.Name);
            if (decision.Key is not null)
                await quotas.ChargeScanAsync(decision.Key, context.RequestAborted).ConfigureAwait(false);
            return (null, open);
        }
        catch (BatchRequestException ex)
        {
            open?.Dispose();
            return ((ex.Message, ex.Problem == BatchProblem.Busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status429TooManyRequests), null);
        }
    }

    /// <summary>A key sent the way API clients send it, for scripts that post the form: `authorization: Bearer KEY` or `x-api-key`.</summary>
    private static string? PresentedKey(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization.ToString().Trim();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization["Bearer ".Length..].Trim() is { Length: > 0 } bearer)
            return bearer;
        return headers["x-api-key"].ToString().Trim() is { Length: > 0 } key ? key : null;
    }

    /// <summary>303: the browser fetches the permalink with GET, and a reload does not post the form again.</summary>
    private static void SeeOther(HttpResponse response, string location)
    {
        response.StatusCode = StatusCodes.Status303SeeOther;
        response.Headers.Location = location;
    }

    private static string Json(string name, string value, string html) => JsonSerializer.Serialize(new Dictionary<string, string> { [name] = value, ["html"] = html });
}
