using Google.Protobuf.WellKnownTypes;
using MailScan.Checks.Scanning;
using MailScan.Checks.StartTls;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.InternetNl;

/// <summary>
/// Internet.nl's custom result <c>tls_1_3_support</c> from the STARTTLS probes' evidence:
/// <c>yes</c> when every mail server address accepted TLS 1.3, <c>no</c> when one did not (or
/// offered no TLS, or there is no mail server), <c>undetermined</c> when one could not be tested.
/// </summary>
public static class Tls13Support
{
    public static string Of(V1.DomainReport report)
    {
        var status = "yes";
        var probes = report.Probes.Where(p => p.Kind == StartTlsProbe.Name).ToList();
        if (probes.Count == 0)
            return "no";
        foreach (var probe in probes)
        {
            var evidence = probe.Evidence?.Fields;
            if (probe.Outcome != "COMPLETED" || evidence is null || !Flag(evidence, "reached"))
                return "undetermined";
            if (!Flag(evidence, "tlsEstablished") || !AcceptsTls13(evidence))
                status = "no";
        }
        return status;
    }

    private static bool AcceptsTls13(IDictionary<string, Value> evidence) =>
        evidence.TryGetValue("tls", out var tls) && tls.StructValue?.Fields.TryGetValue("versions", out var versions) == true
        && versions.ListValue?.Values.Any(v => v.StringValue == "TLS13") == true;

    private static bool Flag(IDictionary<string, Value> evidence, string name) =>
        evidence.TryGetValue(name, out var value) && value.KindCase == Value.KindOneofCase.BoolValue && value.BoolValue;
}
