namespace MailScan.Politeness;

/// <summary>The bounds an address's learnt pace moves within: the configured spacing, the first retry wait, the longest spacing or wait.</summary>
public sealed record PaceLimits(TimeSpan MinSpacing, TimeSpan RetryDelay, TimeSpan MaxSpacing)
{
    public static PaceLimits From(ConnectionGateOptions gate) => new(gate.MinConnectionSpacing, gate.RetryDelay, gate.MaxLearnedSpacing);
}
