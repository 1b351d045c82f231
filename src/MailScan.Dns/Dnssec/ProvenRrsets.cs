using System.Security.Cryptography;
using MailScan.Dns;
using MailScan.Dns.Dnssec.Crypto;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>
/// RRsets whose signature this process has verified. When an answer carries the very same RRset
/// (owner, type, class, data), the same RRSIG and the same key again (a zone's SOA in every
/// denial, a DNSKEY set re-read after its chain entry expired), the signature is not checked
/// again: the memo's key is a SHA-256 over all of that, so it proves only what was proven. The
/// signature's validity window is checked at every use; only successes are kept, until the RRSIG expires.
/// </summary>
public sealed class ProvenRrsets(LocalCache cache)
{
    /// <summary>As <see cref="RrsetVerifier.Verify"/>, answering from the memo when it can.</summary>
    public async Task<(Rrsig? Used, DnssecFailure? Failure)> VerifyAsync(Rrset rrset, DnsName zone, IReadOnlyList<Dnskey> keys, long now, ValidationBudget budget)
    {
        var looked = new List<(Rrsig Rrsig, string Key)>(1);
        foreach (var rrsig in rrset.Signatures)
        {
            if (rrsig.Signer != zone || rrsig.TypeCovered != rrset.Type || rrsig.IsExpiredAt(now) || rrsig.IsNotYetValidAt(now))
                continue;
            if (Key(rrset, zone, rrsig, keys) is not { } key)
                continue;
            if (await cache.GetAsync<bool>(key, now).ConfigureAwait(false))
                return (rrsig, null);
            looked.Add((rrsig, key));
        }
        var (used, failure) = RrsetVerifier.Verify(rrset, zone, keys, now, budget);
        if (used is not null && looked.FirstOrDefault(l => ReferenceEquals(l.Rrsig, used)).Key is { } proven)
            await cache.SetAsync(proven, true, Rrsig.ToTime(used.Expiration, now).ToUnixTimeSeconds(), now, CancellationToken.None).ConfigureAwait(false);
        return (used, failure);
    }

    /// <summary>Everything the verification depends on but the clock: zone, owner, signed data, signature, the keys it may have used.</summary>
    private static string? Key(Rrset rrset, DnsName zone, Rrsig rrsig, IReadOnlyList<Dnskey> keys)
    {
        var candidates = keys.Where(k => k.KeyTag == rrsig.KeyTag && k.Algorithm == rrsig.Algorithm && k.Protocol == 3 && k.IsZoneKey)
            .Select(k => k.Rdata).ToList();
        if (candidates.Count == 0)
            return null;
        candidates.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(zone.ToWire());
        hash.AppendData(rrset.Owner.ToWire());
        hash.AppendData(CanonicalForm.SignedData(rrsig, rrset));
        Append(hash, rrsig.Signature);
        foreach (var key in candidates)
            Append(hash, key);
        return $"dnssec:proven:{Convert.ToHexStringLower(hash.GetHashAndReset())}";
    }

    /// <summary>Length first, so no two different sequences of fields hash the same octets.</summary>
    private static void Append(IncrementalHash hash, byte[] field)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, field.Length);
        hash.AppendData(length);
        hash.AppendData(field);
    }
}
