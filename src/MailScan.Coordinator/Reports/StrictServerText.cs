using System.Globalization;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Reports;

/// <summary>
/// The sentence a report gives a strict mail server: which address, why it counted as strict, how
/// long its evaluation took against the budget, and which sub-tests stayed not testable when the
/// budget ran out. Raw text: each output makes it safe for its medium.
/// </summary>
public static class StrictServerText
{
    public static string Of(V1.StrictServer server)
    {
        var took = server.Took?.ToTimeSpan() ?? TimeSpan.Zero;
        var budget = server.Budget?.ToTimeSpan() ?? TimeSpan.Zero;
        var allowance = budget > TimeSpan.Zero
            ? $"of the {Duration(budget)} allowed for a strict server"
            : "with a single retry (strict servers are not waited out)";
        var sentence = $"{server.Mx} ({server.Address}) is a strict mail server: {server.Why}. Its evaluation took {Duration(took)} {allowance}, over {Count(server.Connections, "connection")}";
        if (server.StoppedBecause.Length == 0)
            return sentence + "; every sub-test was measured.";
        var untested = server.NotTestable.Select(id => SubtestLabels.Of(id).Label).ToList();
        return untested.Count == 0
            ? $"{sentence}, then stopped: {server.StoppedBecause}."
            : $"{sentence}, then stopped ({server.StoppedBecause}), so {Count(untested.Count, "sub-test")} stayed not testable: {string.Join(", ", untested)}.";
    }

    private static string Duration(TimeSpan span) => span.TotalSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min");

    private static string Count(long count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
