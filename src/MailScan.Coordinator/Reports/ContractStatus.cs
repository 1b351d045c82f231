using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Reports;

/// <summary>The contract's spelling of a protobuf status (PASSED, NOT_TESTABLE, ...), as the JSON form writes it.</summary>
public static class ContractStatus
{
    private static readonly Google.Protobuf.Reflection.EnumDescriptor Descriptor =
        V1.ReportReflection.Descriptor.EnumTypes.Single(e => e.Name == "Status");

    public static string Name(V1.Status status) => Descriptor.FindValueByNumber((int)status)?.Name ?? "ERROR";
}
