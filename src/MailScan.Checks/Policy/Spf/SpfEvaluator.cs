using System.Net;

namespace MailScan.Checks.Policy.Spf;

/// <summary>
/// check_host() of RFC 7208 §4 over an <see cref="ISpfLookup"/>: record selection, every
/// mechanism and modifier, macros, include/redirect recursion, the limits of §4.6.4 (10
/// DNS-querying terms, 2 void lookups, 10 MX names, 10 PTR names; loops end at the term limit)
/// and the explanation of a fail.
/// </summary>
public sealed class SpfEvaluator(ISpfLookup dns, TimeProvider time, string receiver = "unknown")
{
    /// <summary>Evaluates the request; DNS failures become temperror, never exceptions.</summary>
    public async Task<SpfCheckResult> CheckHostAsync(SpfRequest request, CancellationToken cancellationToken)
    {
        var client = request.Client.IsIPv4MappedToIPv6 ? request.Client.MapToIPv4() : request.Client;
        var values = new SpfMacroValues(request.Sender, request.Domain, client, request.Helo, receiver, time.GetUtcNow().ToUnixTimeSeconds());
        var run = new SpfEvaluation(dns, values);
        var outcome = await run.CheckAsync(request.Domain, cancellationToken).ConfigureAwait(false);
        return outcome with { DnsLookups = run.Lookups, VoidLookups = run.Voids };
    }
}
