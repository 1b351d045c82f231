using MailScan.Dns;
using MailScan.Dns.Dnssec.Crypto;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>
/// Builds the chain of trust from the anchors down to a name, one label at a time: a DS query at
/// each label shows a signed delegation (then the child's DNSKEY set must match the DS and sign
/// itself), an unsigned delegation proven by NSEC/NSEC3 (insecure from there), or no cut. Results
/// per name are cached for the shortest TTL involved and shared by every validation.
/// </summary>
public sealed class ChainOfTrust(TrustAnchors anchors, LocalCache cache, string scope)
{
    /// <summary>The trust of the deepest zone at or above the name; bounds the validation's horizon by its expiry.</summary>
    public async Task<ZoneTrust> TrustAtAsync(DnsName name, ValidationContext context)
    {
        var trust = await BuildAsync(name, context).ConfigureAwait(false);
        context.Bound(trust.ExpiresUnix);
        return trust;
    }

    private async Task<ZoneTrust> BuildAsync(DnsName name, ValidationContext context)
    {
        var anchor = anchors.ClosestAnchor(name);
        if (anchor is null)
            return ZoneTrust.Insecure(DnsName.Root, DnssecFailure.Of(ExtendedDnsError.Other, DnsName.Root, name, DnsRecordType.DS, "no trust anchor covers the name"), long.MaxValue);
        // The scope names the anchors and the resolvers: a chain built from other data is another chain.
        var key = $"dnssec:trust:{scope}:{name.ToString().ToLowerInvariant()}";
        return await cache.GetOrCreateAsync(key, context.Now, async _ =>
        {
            var trust = name == anchor ? await FromAnchorAsync(name, context).ConfigureAwait(false) : await BelowAsync(name, context).ConfigureAwait(false);
            // Indeterminate says more about the network than the zone: never kept.
            return new Expiring<ZoneTrust>(trust, trust.Status == DnssecStatus.Indeterminate ? 0 : trust.ExpiresUnix);
        }, context.CancellationToken).ConfigureAwait(false);
    }

    private async Task<ZoneTrust> FromAnchorAsync(DnsName zone, ValidationContext context)
    {
        var usable = anchors.For(zone)!.Where(a => a.IsUsable).ToList();
        if (usable.Count == 0)
            return ZoneTrust.Insecure(zone, DnssecFailure.Of(ExtendedDnsError.UnsupportedDNSKEYAlgorithm, zone, zone, DnsRecordType.DNSKEY, "no trust anchor has a supported algorithm"), long.MaxValue);
        var (keySet, keys, failure) = await DnskeySetAsync(zone, context).ConfigureAwait(false);
        if (failure is not null)
            return failure.Error is ExtendedDnsError.DNSKEYMissing ? ZoneTrust.Bogus(zone, failure, Expiry(context, 60)) : ZoneTrust.Indeterminate(zone, failure);
        var trusted = keys!.Where(k => usable.Any(a => a.Trusts(k))).ToList();
        if (trusted.Count == 0)
            return ZoneTrust.Bogus(zone, DnssecFailure.Of(ExtendedDnsError.DNSKEYMissing, zone, zone, DnsRecordType.DNSKEY, "no DNSKEY matches the trust anchor"), Expiry(context, keySet!.Ttl));
        return await SignedKeySetAsync(zone, keySet!, keys!, trusted, context).ConfigureAwait(false);
    }

    private async Task<ZoneTrust> BelowAsync(DnsName name, ValidationContext context)
    {
        var parent = await TrustAtAsync(name.Parent(), context).ConfigureAwait(false);
        if (parent.Status != DnssecStatus.Secure)
            return parent;
        var zone = parent.Zone;
        var keys = parent.Keys;
        var answer = await context.QueryAsync(name, DnsRecordType.DS).ConfigureAwait(false);
        if (ValidationContext.Unusable(answer, name, DnsRecordType.DS, zone) is { } unusable)
            return ZoneTrust.Indeterminate(zone, unusable);
        var message = answer!.Message!;
        var sets = Rrset.Group(message.Answers);
        var ttlLimit = Math.Min(parent.ExpiresUnix, Expiry(context, message.MinimumTtl()));

        if (sets.FirstOrDefault(s => s.Owner == name && s.Type == DnsRecordType.DS) is { } ds)
        {
            var (used, failure) = await context.VerifyAsync(ds, zone, keys).ConfigureAwait(false);
            return failure is not null
                ? ZoneTrust.Bogus(zone, failure, ttlLimit)
                : await FromDsAsync(name, ds, Math.Min(ttlLimit, SignatureEnd(used!, context)), context).ConfigureAwait(false);
        }
        if (sets.FirstOrDefault(s => s.Owner == name && s.Type == DnsRecordType.CNAME) is { } cname)
        {
            // A CNAME cannot sit at a zone cut, so a signed CNAME here means: no cut.
            var (used, failure) = await context.VerifyAsync(cname, zone, keys).ConfigureAwait(false);
            return failure is not null ? ZoneTrust.Bogus(zone, failure, ttlLimit) : parent with { ExpiresUnix = Math.Min(ttlLimit, SignatureEnd(used!, context)) };
        }
        var (proof, proofFailure, proofExpires) = await Denials.CheckAsync(message.Authorities, zone, keys, context, (nsecs, nsec3s) =>
            nsecs.Count > 0 ? NsecProofs.NoDs(name, nsecs) : Nsec3Proofs.NoDs(name, nsec3s)).ConfigureAwait(false);
        if (proofFailure is not null)
            return ZoneTrust.Bogus(zone, proofFailure, ttlLimit);
        ttlLimit = Math.Min(ttlLimit, proofExpires);
        return proof!.Outcome switch
        {
            DenialOutcome.Proven => parent with { ExpiresUnix = ttlLimit },
            DenialOutcome.InsecureDelegation or DenialOutcome.Insecure =>
                ZoneTrust.Insecure(name, DnssecFailure.Of(ExtendedDnsError.Other, zone, name, DnsRecordType.DS, proof.Detail), ttlLimit),
            _ => ZoneTrust.Bogus(zone, DnssecFailure.Of(ExtendedDnsError.NSECMissing, zone, name, DnsRecordType.DS, proof.Detail), ttlLimit),
        };
    }

    /// <summary>A signed delegation: the child's DNSKEY set must contain a key a DS names, and that key must sign the set.</summary>
    private async Task<ZoneTrust> FromDsAsync(DnsName zone, Rrset dsSet, long ttlLimit, ValidationContext context)
    {
        var all = dsSet.Records.Select(r => DelegationSigner.Parse(r.Data).Value).OfType<DelegationSigner>().ToList();
        var usable = all.Where(d => DnssecAlgorithms.IsSupported(d.Algorithm) && DsDigest.IsSupported(d.DigestType)).ToList();
        if (usable.Count == 0)
        {
            var error = all.Any(d => !DnssecAlgorithms.IsSupported(d.Algorithm)) ? ExtendedDnsError.UnsupportedDNSKEYAlgorithm : ExtendedDnsError.UnsupportedDSDigestType;
            var what = string.Join(", ", all.Select(d => $"{DnssecAlgorithms.Name(d.Algorithm)}/{DsDigest.Name(d.DigestType)}").Distinct());
            return ZoneTrust.Insecure(zone, DnssecFailure.Of(error, zone, zone, DnsRecordType.DS, $"the DS records use only what the validator does not support ({what}), so the zone is treated as unsigned (RFC 6840 §5.2)"), ttlLimit);
        }
        // RFC 4509 §3: with a SHA-256 (or stronger) DS present, SHA-1 DS records are ignored.
        if (usable.Any(d => d.DigestType != 1))
            usable = usable.Where(d => d.DigestType != 1).ToList();

        var (keySet, keys, failure) = await DnskeySetAsync(zone, context).ConfigureAwait(false);
        if (failure is not null)
            return failure.Error is ExtendedDnsError.DNSKEYMissing ? ZoneTrust.Bogus(zone, failure, ttlLimit) : ZoneTrust.Indeterminate(zone, failure);
        var trusted = keys!.Where(k => usable.Any(d => DsDigest.Matches(d, zone, k))).ToList();
        if (trusted.Count == 0)
            return ZoneTrust.Bogus(zone, DnssecFailure.Of(ExtendedDnsError.DNSKEYMissing, zone, zone, DnsRecordType.DNSKEY, NoMatchDetail(usable, keys!)), ttlLimit);
        var secured = await SignedKeySetAsync(zone, keySet!, keys!, trusted, context).ConfigureAwait(false);
        return secured with { ExpiresUnix = Math.Min(secured.ExpiresUnix, ttlLimit) };
    }

    private async Task<ZoneTrust> SignedKeySetAsync(DnsName zone, Rrset keySet, IReadOnlyList<Dnskey> keys, IReadOnlyList<Dnskey> trusted, ValidationContext context)
    {
        var (used, failure) = await context.VerifyAsync(keySet, zone, trusted).ConfigureAwait(false);
        var expires = Expiry(context, keySet.Ttl);
        if (failure is not null)
            return ZoneTrust.Bogus(zone, failure, expires);
        expires = Math.Min(expires, SignatureEnd(used!, context));
        return ZoneTrust.Secure(zone, keys.Where(k => k.IsZoneKey && !k.IsRevoked), expires);
    }

    private static async Task<(Rrset? KeySet, IReadOnlyList<Dnskey>? Keys, DnssecFailure? Failure)> DnskeySetAsync(DnsName zone, ValidationContext context)
    {
        var answer = await context.QueryAsync(zone, DnsRecordType.DNSKEY).ConfigureAwait(false);
        if (ValidationContext.Unusable(answer, zone, DnsRecordType.DNSKEY, zone) is { } unusable)
            return (null, null, unusable);
        var keySet = Rrset.Group(answer!.Message!.Answers).FirstOrDefault(s => s.Owner == zone && s.Type == DnsRecordType.DNSKEY);
        var keys = keySet?.Records.Select(r => Dnskey.Parse(r.Data).Value).OfType<Dnskey>().ToList();
        if (keySet is null || keys!.Count == 0)
            return (null, null, DnssecFailure.Of(ExtendedDnsError.DNSKEYMissing, zone, zone, DnsRecordType.DNSKEY, "the zone has a DS at its parent but publishes no DNSKEY"));
        return (keySet, keys, null);
    }

    private static string NoMatchDetail(IReadOnlyList<DelegationSigner> ds, IReadOnlyList<Dnskey> keys)
    {
        var parts = ds.Select(d => keys.Any(k => k.KeyTag == d.KeyTag && k.Algorithm == d.Algorithm)
            ? $"key {d.KeyTag} exists but its {DsDigest.Name(d.DigestType)} digest differs from the DS"
            : $"no DNSKEY with key tag {d.KeyTag} ({DnssecAlgorithms.Name(d.Algorithm)})");
        return $"no DNSKEY matches the DS records: {string.Join("; ", parts.Distinct())}";
    }

    private long Expiry(ValidationContext context, uint ttl) => cache.Horizon(context.Now, context.Now + ttl);

    /// <summary>When the signature that proved an RRset expires: nothing it proved outlives it.</summary>
    private static long SignatureEnd(Rrsig used, ValidationContext context) => Rrsig.ToTime(used.Expiration, context.Now).ToUnixTimeSeconds();
}
