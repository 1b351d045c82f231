using System.Net;

namespace MailScan.Checks.Policy.Spf;

/// <summary>
/// One directive of an SPF record: qualifier and mechanism, with its target (a domain-spec for
/// include/a/mx/ptr/exists, a network for ip4/ip6) and prefix lengths.
/// </summary>
public sealed record SpfMechanism(
    SpfQualifier Qualifier,
    SpfMechanismKind Kind,
    SpfMacroString? Domain,
    IPAddress? Network,
    int Ip4Prefix,
    int Ip6Prefix,
    int Position,
    string Text)
{
    /// <summary>Whether evaluating it queries DNS and so counts against the limit of 10 (RFC 7208 §4.6.4).</summary>
    public bool QueriesDns => Kind is SpfMechanismKind.Include or SpfMechanismKind.A or SpfMechanismKind.Mx
        or SpfMechanismKind.Ptr or SpfMechanismKind.Exists;
}
