using DnsClient;
using DnsClient.Protocol;
using MailScan.Checks.Dnssec;
using MailScan.Checks.Scanning;
using MailScan.Dns.Dnssec;

namespace MailScan.Checks.StartTls.Dane;

/// <summary>Looks up the TLSA records of an MX name (_25._tcp.NAME) through the validating resolver.</summary>
public sealed class TlsaProbe(IValidatingResolver resolver) : IProbe
{
    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "dns.tlsa";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: false, "The TLSA records of an MX name (_25._tcp.NAME) with their DNSSEC status.");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var name = $"_25._tcp.{request.Key.Target.TrimEnd('.')}";
        var answer = await resolver.QueryAsync(name, QueryType.TLSA, cancellationToken).ConfigureAwait(false);
        var records = answer.Answer.Records<TlsaRecord>()
            .Select(r => new TlsaRecordData((byte)r.CertificateUsage, (byte)r.Selector, (byte)r.MatchingType, Convert.ToHexStringLower(r.CertificateAssociationData.ToArray())))
            .ToList();
        var evidence = new TlsaEvidence(request.Key.Target, name, answer.Answer.Status, answer.Status, records, answer.Reason);
        return ProbeResult.Completed(request.Key, evidence, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}
