using System.Security.Cryptography;
using MailScan.Parsing;

namespace MailScan.Checks.Policy.Dkim;

/// <summary>
/// Parses DKIM key records (RFC 6376 §3.6.1, RFC 8463 for Ed25519): v=DKIM1 first when present,
/// p= required (empty means revoked), the key decoded to learn its size. Pure and total.
/// </summary>
public static class DkimKeyParser
{
    public static Parsed<DkimKeyRecord, PolicyParseError> Parse(string? text)
    {
        var list = TagListParser.Parse(text);
        if (!list.IsValid)
            return Parsed<DkimKeyRecord, PolicyParseError>.Fail(list.Error);
        var tags = list.Value;
        var version = tags.FirstOrDefault(t => t.Name == "v");
        if (version is not null && (tags[0] != version || version.Value != "DKIM1"))
            return Parsed<DkimKeyRecord, PolicyParseError>.Fail(new PolicyParseError(version.Position, "v= must be the first tag and be DKIM1"));
        var key = tags.FirstOrDefault(t => t.Name == "p");
        if (key is null)
            return Parsed<DkimKeyRecord, PolicyParseError>.Fail(new PolicyParseError(0, "the key record has no p= tag"));
        var type = tags.FirstOrDefault(t => t.Name == "k")?.Value.ToLowerInvariant() ?? "rsa";
        var base64 = string.Concat(key.Value.Where(c => !char.IsWhiteSpace(c)));
        var record = new DkimKeyRecord(text!, type, base64.Length == 0, null, List(tags, "h"), List(tags, "s"), List(tags, "t"));
        if (record.Revoked)
            return Parsed<DkimKeyRecord, PolicyParseError>.Ok(record);

        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
            return Parsed<DkimKeyRecord, PolicyParseError>.Fail(new PolicyParseError(key.Position, "p= is not base64"));
        var bits = KeyBits(type, bytes.AsSpan(0, length));
        return bits switch
        {
            null when type is "rsa" or "ed25519" => Parsed<DkimKeyRecord, PolicyParseError>.Fail(new PolicyParseError(key.Position, $"p= is not a valid {type} public key")),
            _ => Parsed<DkimKeyRecord, PolicyParseError>.Ok(record with { KeyBits = bits }),
        };
    }

    private static int? KeyBits(string type, ReadOnlySpan<byte> key)
    {
        if (type == "ed25519")
            return key.Length == 32 ? 256 : null;
        if (type != "rsa")
            return null;
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(key, out _);
            return rsa.KeySize;
        }
        catch (CryptographicException)
        {
            try
            {
                // Some publishers put a bare RSAPublicKey (PKCS#1) in p=, which verifiers accept too.
                using var rsa = RSA.Create();
                rsa.ImportRSAPublicKey(key, out _);
                return rsa.KeySize;
            }
            catch (CryptographicException)
            {
                return null;
            }
        }
    }

    private static IReadOnlyList<string> List(IReadOnlyList<PolicyTag> tags, string name) =>
        tags.FirstOrDefault(t => t.Name == name)?.Value.Split(':').Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Length > 0).ToList() ?? [];
}
