namespace MailScan.Dns;

/// <summary>Why a text (trimmed) is not a resolver endpoint; reads as the one line a user is shown.</summary>
public sealed record ResolverEndpointError(ResolverEndpointFault Fault, string Text)
{
    public override string ToString() => $"'{Text}' is not HOST[:PORT] (e.g. 9.9.9.9, 127.0.0.1:5353, [2620:fe::fe]:53)";
}
