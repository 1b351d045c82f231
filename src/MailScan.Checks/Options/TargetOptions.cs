using System.Net;

namespace MailScan.Checks.Options;

/// <summary>Which special-use networks the scanner may contact anyway.</summary>
public sealed class TargetOptions
{
    /// <summary>CIDR blocks (e.g. 127.0.0.0/8, fd00:dead::/48) that are allowed despite being special-use.</summary>
    public List<string> AllowNetworks { get; set; } = [];

    /// <summary>The allowed networks, parsed; invalid entries are rejected by the validator first.</summary>
    public IReadOnlyList<IPNetwork> ParsedAllowNetworks() =>
        AllowNetworks.Select(text => IPNetwork.TryParse(text.Trim(), out var network) ? network : (IPNetwork?)null)
            .OfType<IPNetwork>()
            .ToList();
}
