using System.Diagnostics.CodeAnalysis;
using System.Net;
using MailScan.Checks.Scanning;

namespace MailScan.Checks.Targets;

/// <summary>The first step of every probe aimed at an address: a valid IP that the target policy allows.</summary>
public static class TargetAdmission
{
    /// <summary>
    /// The request's target as an address, or the result to return instead (not an IP address,
    /// or refused by the policy: nothing is sent then).
    /// </summary>
    public static bool TryAdmit(
        this TargetPolicy policy,
        ProbeRequest request,
        [NotNullWhen(true)] out IPAddress? address,
        [NotNullWhen(false)] out ProbeResult? refusal)
    {
        refusal = null;
        if (!IPAddress.TryParse(request.Key.Target, out address))
        {
            refusal = ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed, $"'{request.Key.Target}' is not an IP address", TimeSpan.Zero);
            return false;
        }
        var decision = policy.Check(address);
        if (decision.IsAllowed)
            return true;
        refusal = ProbeResult.NotCompleted(request.Key, ProbeOutcome.NotAllowed, decision.Reason, TimeSpan.Zero);
        address = null;
        return false;
    }
}
