using System.Net;
using MailScan.Checks.Options;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Targets;

/// <summary>
/// Decides whether the scanner may contact an address. Special-use addresses (loopback, private,
/// documentation, ...) are refused unless an allowed network covers them, so that a domain cannot
/// turn the scanner against internal networks.
/// </summary>
public sealed class TargetPolicy
{
    private readonly IReadOnlyList<IPNetwork> _allowed;

    public TargetPolicy(IOptions<MailScanOptions> options)
        : this(options.Value.Targets.ParsedAllowNetworks())
    {
    }

    public TargetPolicy(IReadOnlyList<IPNetwork> allowed) => _allowed = allowed;

    /// <summary>A policy that allows nothing special (the public default).</summary>
    public static TargetPolicy PublicOnly { get; } = new([]);

    /// <summary>Whether the address may be contacted; when not, the reason in words.</summary>
    public TargetDecision Check(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        foreach (var network in _allowed)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
                return TargetDecision.Allowed;
        }
        var special = SpecialUseNetworks.Classify(address);
        return special is null
            ? TargetDecision.Allowed
            : TargetDecision.Refused($"address not allowed: {address} is {special}; use --allow-network to scan it");
    }
}
