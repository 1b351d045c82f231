using System.Globalization;

namespace MailScan.Checks.StartTls;

/// <summary>
/// Why a mail server address counted as strict and what its evaluation cost: the put-offs waited
/// out, its slowest greeting, the spacing it taught, the connections and seconds against the
/// strict-server budget (zero: a single retry, as Internet.nl makes). Kept in the evidence.
/// </summary>
public sealed record StrictServerNote(int PutOffs, double SlowestGreetingSeconds, double SpacingSeconds, int Connections, double Seconds, double BudgetSeconds)
{
    /// <summary>What made the server strict, in words: "1 connection put off with a 4xx or refused".</summary>
    public string Why
    {
        get
        {
            var reasons = new List<string>();
            if (PutOffs > 0)
                reasons.Add($"{Count(PutOffs, "connection")} put off with a 4xx or refused");
            if (SlowestGreetingSeconds >= PacedConnections.SlowConnection.TotalSeconds)
                reasons.Add(Invariant($"a greeting after up to {SlowestGreetingSeconds:0.0} s"));
            if (SpacingSeconds >= PacedConnections.SlowConnection.TotalSeconds)
                reasons.Add(Invariant($"connections spaced {SpacingSeconds:0.0} s apart as it taught"));
            return reasons.Count > 0 ? string.Join(", ", reasons) : "it kept a long spacing";
        }
    }

    /// <summary>"3 connections" or "1 connection".</summary>
    public static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
