namespace MailScan.Checks.Options;

/// <summary>How certificates are judged.</summary>
public sealed class TlsOptions
{
    /// <summary>PEM file of root certificates trusted in addition to the system store (the lab CA).</summary>
    public string? ExtraRootFile { get; set; }
}
