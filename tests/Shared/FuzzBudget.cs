namespace MailScan.Tests.Shared;

/// <summary>
/// How many generated inputs each fuzz test feeds its parser: 100 000 in every CI run, more for a
/// longer run (MAILSCAN_FUZZ_INPUTS=10000000 dotnet test --filter Fuzz; docs/RELIABILITY.md).
/// </summary>
internal static class FuzzBudget
{
    public static int Inputs { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("MAILSCAN_FUZZ_INPUTS"), out var inputs) && inputs > 0 ? inputs : 100_000;
}
