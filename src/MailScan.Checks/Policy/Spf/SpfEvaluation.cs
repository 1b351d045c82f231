using System.Net;
using System.Net.Sockets;

namespace MailScan.Checks.Policy.Spf;

/// <summary>The state of one check_host() run: the counters of §4.6.4 shared by every include and redirect.</summary>
internal sealed class SpfEvaluation(ISpfLookup dns, SpfMacroValues request)
{
    private IReadOnlyList<string>? _validatedNames;

    public int Lookups { get; private set; }

    public int Voids { get; private set; }

    private AddressFamily Family => request.Client.AddressFamily;

    /// <summary>One match step: matched or not, or the result that ends the evaluation.</summary>
    private sealed record Step(bool Matched, SpfCheckResult? Abort = null)
    {
        public static Step Yes { get; } = new(true);
        public static Step No { get; } = new(false);
    }

    public async Task<SpfCheckResult> CheckAsync(string domain, CancellationToken cancellationToken)
    {
        if (!SpfAddressMatch.IsQueryableName(domain))
            return new SpfCheckResult(SpfResult.None, $"'{domain}' is not a valid domain name");
        domain = domain.TrimEnd('.');
        var txt = await dns.TxtAsync(domain, cancellationToken).ConfigureAwait(false);
        if (txt.Status == SpfLookupStatus.Error)
            return new SpfCheckResult(SpfResult.TempError, $"the TXT lookup of {domain} failed ({txt.Error})");
        var records = txt.Values.Where(SpfParser.IsSpfRecord).ToList();
        if (txt.Status == SpfLookupStatus.NxDomain || records.Count == 0)
            return new SpfCheckResult(SpfResult.None, txt.Status == SpfLookupStatus.NxDomain ? $"{domain} does not exist" : $"{domain} has no SPF record");
        if (records.Count > 1)
            return new SpfCheckResult(SpfResult.PermError, $"{domain} has {records.Count} SPF records; there must be one");
        var parsed = SpfParser.Parse(records[0]);
        if (!parsed.IsValid)
            return new SpfCheckResult(SpfResult.PermError, $"the SPF record of {domain} is invalid {parsed.Error}");

        var record = parsed.Value;
        var values = request with { Domain = domain };
        foreach (var mechanism in record.Mechanisms)
        {
            if (mechanism.QueriesDns && ++Lookups > SpfLimits.DnsLookups)
                return TooManyLookups(mechanism.Text, domain);
            var step = await MatchAsync(mechanism, values, cancellationToken).ConfigureAwait(false);
            if (step.Abort is { } abort)
                return abort;
            if (!step.Matched)
                continue;
            var result = Result(mechanism.Qualifier);
            var explanation = result == SpfResult.Fail ? await ExplainAsync(record, values, cancellationToken).ConfigureAwait(false) : null;
            return new SpfCheckResult(result, $"'{mechanism.Text}' matched in the SPF record of {domain}", explanation);
        }
        if (record.Redirect is not { } redirect)
            return new SpfCheckResult(SpfResult.Neutral, $"no mechanism matched in the SPF record of {domain} and it has no redirect (default ?all)");
        if (++Lookups > SpfLimits.DnsLookups)
            return TooManyLookups(redirect.Text, domain);
        var target = await ExpandDomainAsync(redirect.Value, values, cancellationToken).ConfigureAwait(false);
        var inner = await CheckAsync(target, cancellationToken).ConfigureAwait(false);
        return inner.Result == SpfResult.None
            ? new SpfCheckResult(SpfResult.PermError, $"the redirect target {target} of {domain} has no SPF record ({inner.Reason})")
            : inner;
    }

    private static SpfCheckResult TooManyLookups(string term, string domain) =>
        new(SpfResult.PermError, $"more than {SpfLimits.DnsLookups} DNS-querying terms: '{term}' in the SPF record of {domain} is one too many");

    private static SpfResult Result(SpfQualifier qualifier) => qualifier switch
    {
        SpfQualifier.Fail => SpfResult.Fail,
        SpfQualifier.SoftFail => SpfResult.SoftFail,
        SpfQualifier.Neutral => SpfResult.Neutral,
        _ => SpfResult.Pass,
    };

    private async Task<Step> MatchAsync(SpfMechanism mechanism, SpfMacroValues values, CancellationToken cancellationToken)
    {
        var client = request.Client;
        switch (mechanism.Kind)
        {
            case SpfMechanismKind.All:
                return Step.Yes;
            case SpfMechanismKind.Ip4:
            case SpfMechanismKind.Ip6:
                return SpfAddressMatch.InPrefix(client, mechanism.Network!, SpfAddressMatch.PrefixFor(mechanism, client)) ? Step.Yes : Step.No;
            case SpfMechanismKind.Include:
                return await IncludeAsync(mechanism, values, cancellationToken).ConfigureAwait(false);
        }
        var target = mechanism.Domain is null ? values.Domain : await ExpandDomainAsync(mechanism.Domain, values, cancellationToken).ConfigureAwait(false);
        return mechanism.Kind switch
        {
            SpfMechanismKind.A => await AddressAsync(mechanism, target, Family, cancellationToken).ConfigureAwait(false),
            SpfMechanismKind.Exists => await AddressAsync(mechanism, target, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false),
            SpfMechanismKind.Mx => await MxAsync(mechanism, target, cancellationToken).ConfigureAwait(false),
            _ => (await ValidatedNamesAsync(cancellationToken).ConfigureAwait(false)).Any(n => SpfAddressMatch.IsAtOrBelow(n, target)) ? Step.Yes : Step.No,
        };
    }

    private async Task<Step> IncludeAsync(SpfMechanism mechanism, SpfMacroValues values, CancellationToken cancellationToken)
    {
        var target = await ExpandDomainAsync(mechanism.Domain!, values, cancellationToken).ConfigureAwait(false);
        var inner = await CheckAsync(target, cancellationToken).ConfigureAwait(false);
        return inner.Result switch
        {
            SpfResult.Pass => Step.Yes,
            SpfResult.Fail or SpfResult.SoftFail or SpfResult.Neutral => Step.No,
            SpfResult.TempError => new Step(false, inner),
            SpfResult.None => new Step(false, new SpfCheckResult(SpfResult.PermError, $"the include target {target} has no SPF record ({inner.Reason})")),
            _ => new Step(false, inner),
        };
    }

    /// <summary>a and exists: any address of the target (in the prefix, for a) matches.</summary>
    private async Task<Step> AddressAsync(SpfMechanism mechanism, string target, AddressFamily family, CancellationToken cancellationToken)
    {
        var answer = await AddressesAsync(target, family, cancellationToken).ConfigureAwait(false);
        if (answer.Status == SpfLookupStatus.Error)
            return new Step(false, new SpfCheckResult(SpfResult.TempError, $"the address lookup of {target} for '{mechanism.Text}' failed ({answer.Error})"));
        if (answer.IsVoid)
            return CountVoid(mechanism, target);
        if (mechanism.Kind == SpfMechanismKind.Exists)
            return Step.Yes;
        var prefix = SpfAddressMatch.PrefixFor(mechanism, request.Client);
        return answer.Values.Any(a => SpfAddressMatch.InPrefix(request.Client, a, prefix)) ? Step.Yes : Step.No;
    }

    private async Task<Step> MxAsync(SpfMechanism mechanism, string target, CancellationToken cancellationToken)
    {
        var mx = SpfAddressMatch.IsQueryableName(target)
            ? await dns.MxAsync(target, cancellationToken).ConfigureAwait(false)
            : SpfLookupAnswer<string>.NxDomain;
        if (mx.Status == SpfLookupStatus.Error)
            return new Step(false, new SpfCheckResult(SpfResult.TempError, $"the MX lookup of {target} failed ({mx.Error})"));
        if (mx.IsVoid)
            return CountVoid(mechanism, target);
        if (mx.Values.Count > SpfLimits.MxNames)
            return new Step(false, new SpfCheckResult(SpfResult.PermError, $"{target} has {mx.Values.Count} MX records; '{mechanism.Text}' may look up at most {SpfLimits.MxNames}"));
        var prefix = SpfAddressMatch.PrefixFor(mechanism, request.Client);
        foreach (var exchange in mx.Values.Select(n => n.TrimEnd('.')).Where(n => n.Length > 0))
        {
            var answer = await AddressesAsync(exchange, Family, cancellationToken).ConfigureAwait(false);
            if (answer.Status == SpfLookupStatus.Error)
                return new Step(false, new SpfCheckResult(SpfResult.TempError, $"the address lookup of MX {exchange} failed ({answer.Error})"));
            if (answer.Values.Any(a => SpfAddressMatch.InPrefix(request.Client, a, prefix)))
                return Step.Yes;
        }
        return Step.No;
    }

    private Step CountVoid(SpfMechanism mechanism, string target) =>
        ++Voids > SpfLimits.VoidLookups
            ? new Step(false, new SpfCheckResult(SpfResult.PermError, $"more than {SpfLimits.VoidLookups} void lookups: {target} of '{mechanism.Text}' gave no answer"))
            : Step.No;

    private Task<SpfLookupAnswer<IPAddress>> AddressesAsync(string name, AddressFamily family, CancellationToken cancellationToken) =>
        SpfAddressMatch.IsQueryableName(name)
            ? dns.AddressesAsync(name.TrimEnd('.'), family, cancellationToken)
            : Task.FromResult(SpfLookupAnswer<IPAddress>.NxDomain);

    /// <summary>PTR names of the client whose own addresses include the client (§5.5); DNS errors only skip a name.</summary>
    private async Task<IReadOnlyList<string>> ValidatedNamesAsync(CancellationToken cancellationToken)
    {
        var ptr = await dns.PtrAsync(request.Client, cancellationToken).ConfigureAwait(false);
        var validated = new List<string>();
        foreach (var name in ptr.Values.Take(SpfLimits.PtrNames).Select(n => n.TrimEnd('.')))
        {
            var answer = await AddressesAsync(name, Family, cancellationToken).ConfigureAwait(false);
            if (answer.Values.Any(a => a.Equals(request.Client)))
                validated.Add(name);
        }
        return validated;
    }

    private async Task<string> ExpandDomainAsync(SpfMacroString domain, SpfMacroValues values, CancellationToken cancellationToken)
    {
        if (domain.Uses('p'))
            values = values with { ValidatedName = await ValidatedNameAsync(values.Domain, cancellationToken).ConfigureAwait(false) };
        return SpfMacroExpander.ExpandDomain(domain, values);
    }

    /// <summary>The "p" macro: the domain itself if validated, else a name below it, else any validated name (§7.3).</summary>
    private async Task<string> ValidatedNameAsync(string domain, CancellationToken cancellationToken)
    {
        // The PTR names of the client do not change during one evaluation: look them up once.
        var names = _validatedNames ??= await ValidatedNamesAsync(cancellationToken).ConfigureAwait(false);
        return names.FirstOrDefault(n => n.Equals(domain, StringComparison.OrdinalIgnoreCase))
            ?? names.FirstOrDefault(n => SpfAddressMatch.IsAtOrBelow(n, domain))
            ?? names.FirstOrDefault()
            ?? "unknown";
    }

    /// <summary>The exp= text of a fail; any problem with it means no explanation, never another result (§6.2).</summary>
    private async Task<string?> ExplainAsync(SpfRecord record, SpfMacroValues values, CancellationToken cancellationToken)
    {
        if (record.Explanation is not { } exp)
            return null;
        var name = await ExpandDomainAsync(exp.Value, values, cancellationToken).ConfigureAwait(false);
        if (!SpfAddressMatch.IsQueryableName(name))
            return null;
        var txt = await dns.TxtAsync(name, cancellationToken).ConfigureAwait(false);
        if (txt.Status != SpfLookupStatus.Found || txt.Values.Count != 1)
            return null;
        var text = SpfMacroParser.Parse(txt.Values[0], 0, SpfMacroUse.Explanation);
        if (!text.IsValid)
            return null;
        if (text.Value.Uses('p'))
            values = values with { ValidatedName = await ValidatedNameAsync(values.Domain, cancellationToken).ConfigureAwait(false) };
        return SpfMacroExpander.Expand(text.Value, values);
    }
}
