namespace MailScan.Checks.Policy.Spf;

/// <summary>Where a macro-string stands, which decides the letters and characters it may hold (RFC 7208 §7.1).</summary>
public enum SpfMacroUse
{
    /// <summary>A domain-spec of a mechanism, redirect= or exp=: letters slodipvh, must end in a macro or a top label.</summary>
    DomainSpec,
    /// <summary>The value of an unknown modifier: any macro letter, never expanded.</summary>
    ModifierValue,
    /// <summary>The explanation text fetched for exp=: letters slodipvh and crt, spaces allowed.</summary>
    Explanation,
}
