using MailScan.Checks.Policy;

namespace MailScan.Checks.Auth.MtaSts;

/// <summary>The _mta-sts record and the policy fetch from https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt.</summary>
public sealed record MtaStsEvidence(
    string Domain,
    TxtEvidence Record,
    string? PolicyUrl,
    IReadOnlyList<string> Addresses,
    MtaStsFetchState State,
    int? HttpStatus = null,
    string? ContentType = null,
    string? Policy = null,
    string? Error = null,
    double Milliseconds = 0);
