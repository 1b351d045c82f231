using System.Text.Json.Serialization;
using DnsClient;
using MailScan.Dns.Dnssec;

namespace MailScan.Checks.Dnssec;

/// <summary>
/// The DNSSEC status of one question a sending server asks (the domain's MX, an MX name's A, AAAA
/// or _25._tcp TLSA), with the broken link when there is one. A denial is an NXDOMAIN or NODATA answer.
/// </summary>
public sealed record DnssecAnswer(
    string Name,
    string Query,
    string Rcode,
    bool Denial,
    DnssecStatus Status,
    string? Reason,
    string? Error,
    string? Zone,
    string? RRset)
{
    /// <summary>The evidence of one validated answer to the question (name, type).</summary>
    public static DnssecAnswer Of(string name, QueryType type, ValidatedAnswer validated)
    {
        var answer = validated.Answer;
        var denial = answer.IsNxDomain || (answer.IsNoError && !answer.Answers.Any(r => (ushort)r.RecordType == (ushort)type));
        return new DnssecAnswer(
            name, $"{name} {type}", answer.Status, denial, validated.Status, validated.Reason,
            validated.Failure?.Error.ToString(), validated.Failure?.Zone, validated.Failure?.RRset);
    }

    /// <summary>An A or AAAA question.</summary>
    [JsonIgnore]
    public bool IsAddress => Query.EndsWith(" A", StringComparison.Ordinal) || Query.EndsWith(" AAAA", StringComparison.Ordinal);

    /// <summary>A TLSA question (DANE).</summary>
    [JsonIgnore]
    public bool IsTlsa => Query.EndsWith(" TLSA", StringComparison.Ordinal);
}
