namespace MailScan.Dns.Dnssec;

/// <summary>
/// Bounds the work one validation may do, so hostile answers cannot make it spin: queries, and
/// signature checks (KeyTrap, CVE-2023-50387: many keys with one tag times many signatures).
/// </summary>
public sealed class ValidationBudget(int queries, int signatureChecks)
{
    private int _queries = queries;
    private int _signatureChecks = signatureChecks;

    public bool TakeQuery() => Interlocked.Decrement(ref _queries) >= 0;

    public bool TakeSignatureCheck() => Interlocked.Decrement(ref _signatureChecks) >= 0;
}
