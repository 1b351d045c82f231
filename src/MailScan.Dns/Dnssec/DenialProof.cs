namespace MailScan.Dns.Dnssec;

/// <summary>The outcome of checking a denial of existence, with the reason in words.</summary>
public sealed record DenialProof(DenialOutcome Outcome, string Detail)
{
    public static DenialProof Proven(string detail) => new(DenialOutcome.Proven, detail);

    public static DenialProof Failed(string detail) => new(DenialOutcome.Failed, detail);
}
