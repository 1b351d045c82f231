namespace MailScan.Dns.Dnssec;

/// <summary>Extended DNS Error codes of RFC 8914 that describe DNSSEC outcomes; reasons carry these names.</summary>
public enum ExtendedDnsError
{
    Other = 0,
    UnsupportedDNSKEYAlgorithm = 1,
    UnsupportedDSDigestType = 2,
    DNSSECIndeterminate = 5,
    DNSSECBogus = 6,
    SignatureExpired = 7,
    SignatureNotYetValid = 8,
    DNSKEYMissing = 9,
    RRSIGsMissing = 10,
    NoZoneKeyBitSet = 11,
    NSECMissing = 12,
    NoReachableAuthority = 22,
    NetworkError = 23,
    InvalidData = 24,
}
