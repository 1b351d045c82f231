using MailScan.Checks.Scanning;
using MailScan.Rpki;

namespace MailScan.Checks.Rpki;

/// <summary>One address of a host group with its route evidence, or why there is none.</summary>
public sealed record RpkiAddressFinding(string Host, string Address, RouteOriginEvidence? Evidence, ProbeResult? Result)
{
    /// <summary>The scanner's own data (VRPs, BGP view) failed for this address.</summary>
    public bool IsError => Evidence is null && Result?.Outcome == ProbeOutcome.Failed;

    /// <summary>The address was not measured in time.</summary>
    public bool IsNotMeasured => Evidence is null && !IsError;

    /// <summary>Why there is no evidence, in words.</summary>
    public string Why => Result?.Reason is { Length: > 0 } reason ? reason : "not measured";

    /// <summary>"mx1.example.nl 192.0.2.1".</summary>
    public string Label => $"{Host} {Address}";

    /// <summary>Finds the route evidence of every address of a group.</summary>
    public static IReadOnlyList<RpkiAddressFinding> Of(RpkiHostGroup group, IProbeResults results) =>
        group.Addresses.Select(a =>
        {
            var result = results.Find(new ProbeKey(RouteOriginProbe.Name, a.Address));
            RouteOriginEvidence? evidence = null;
            try
            {
                evidence = result?.EvidenceAs<RouteOriginEvidence>();
            }
            catch (System.Text.Json.JsonException)
            {
                // Evidence of another shape (a foreign or older worker) is no evidence.
            }
            return new RpkiAddressFinding(a.Host, a.Address, evidence?.VrpSet is null ? null : evidence, result);
        }).ToList();
}
