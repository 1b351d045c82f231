using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace MailScan.Coordinator.CompactResults;

/// <summary>
/// The name of a host's evidence: kind, target and a digest of the evidence itself, so that a host
/// probed again within a batch (its cached evidence expired) and found otherwise gets a name of its
/// own instead of overwriting what earlier reports name.
/// </summary>
public static class HostEvidenceRef
{
    private const int DigestBytes = 6;

    public static string Of(string kind, string target, Struct evidence)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(evidence.ToByteArray(), digest);
        return $"{kind} {target} {Convert.ToHexStringLower(digest[..DigestBytes])}";
    }
}
