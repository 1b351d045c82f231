using System.Globalization;
using System.Text;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;
using MailScan.Parsing;

namespace MailScan.Dns.Dnssec;

/// <summary>
/// The trust anchors validation starts from: DNSKEY or DS records in zone-file format (a file such
/// as the lab's root.key), or by default the IANA root anchors KSK-2017 and KSK-2024.
/// </summary>
public sealed class TrustAnchors
{
    private const string IanaRoot =
        """
        ; IANA root-anchors.xml: KSK-2017 (20326) and KSK-2024 (38696)
        . IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
        . IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16
        """;

    private readonly Dictionary<DnsName, List<TrustAnchor>> _byZone;

    private TrustAnchors(IEnumerable<TrustAnchor> anchors)
    {
        _byZone = anchors.GroupBy(a => a.Zone).ToDictionary(g => g.Key, g => g.ToList());
        Fingerprint = FingerprintOf(_byZone.Values.SelectMany(a => a));
    }

    /// <summary>A short stable name for this set of anchors, for cache keys: what one set proves is not reused under another.</summary>
    public string Fingerprint { get; }

    /// <summary>The IANA root anchors.</summary>
    public static TrustAnchors Default { get; } = Parse(IanaRoot).Value!;

    /// <summary>Where the anchors came from, for evidence.</summary>
    public string Source { get; private init; } = "IANA root anchors (KSK-2017, KSK-2024)";

    /// <summary>The anchors of exactly this zone, or null.</summary>
    public IReadOnlyList<TrustAnchor>? For(DnsName zone) => _byZone.GetValueOrDefault(zone);

    /// <summary>The deepest anchored zone at or above the name, or null when none covers it.</summary>
    public DnsName? ClosestAnchor(DnsName name)
    {
        for (var candidate = name; ; candidate = candidate.Parent())
        {
            if (_byZone.ContainsKey(candidate))
                return candidate;
            if (candidate.IsRoot)
                return null;
        }
    }

    /// <summary>The default anchors, or those of the file; the error names the file and the line that is wrong.</summary>
    public static Parsed<TrustAnchors, TrustAnchorError> Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return Parsed<TrustAnchors, TrustAnchorError>.Ok(Default);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Parsed<TrustAnchors, TrustAnchorError>.Fail(new(TrustAnchorFault.Unreadable, 0, ex.Message) { File = path });
        }
        var (anchors, error) = Parse(text);
        return anchors is null
            ? Parsed<TrustAnchors, TrustAnchorError>.Fail(error! with { File = path })
            : Parsed<TrustAnchors, TrustAnchorError>.Ok(new TrustAnchors(anchors._byZone.Values.SelectMany(a => a)) { Source = path });
    }

    /// <summary>Parses DS and DNSKEY records in zone-file format (comments, TTL, class, parentheses allowed).</summary>
    public static Parsed<TrustAnchors, TrustAnchorError> Parse(string text)
    {
        var anchors = new List<TrustAnchor>();
        var lineNumber = 0;
        foreach (var (record, line) in Records(text))
        {
            lineNumber = line;
            var fields = record.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
            if (fields.Count == 0)
                continue;
            if (DnsName.FromPresentation(fields[0]).Value is not { } owner)
                return Fail(TrustAnchorFault.BadOwner, line, fields[0]);
            var at = 1;
            while (at < fields.Count && (fields[at].All(char.IsAsciiDigit) || fields[at].Equals("IN", StringComparison.OrdinalIgnoreCase)))
                at++;
            if (at >= fields.Count)
                return Fail(TrustAnchorFault.NoRecordType, line, record.Trim());
            var type = fields[at].ToUpperInvariant();
            var rdata = fields.Skip(at + 1).ToList();
            var anchor = type switch
            {
                "DS" => ParseDs(owner, rdata),
                "DNSKEY" => ParseDnskey(owner, rdata),
                _ => null,
            };
            if (anchor is null)
                return Fail(TrustAnchorFault.NotAnAnchor, line, record.Trim());
            anchors.Add(anchor);
        }
        if (anchors.Count == 0)
            return Fail(lineNumber == 0 ? TrustAnchorFault.Empty : TrustAnchorFault.NoAnchors, 0, string.Empty);
        return Parsed<TrustAnchors, TrustAnchorError>.Ok(new TrustAnchors(anchors));
    }

    private static Parsed<TrustAnchors, TrustAnchorError> Fail(TrustAnchorFault fault, int line, string text) =>
        Parsed<TrustAnchors, TrustAnchorError>.Fail(new(fault, line, text));

    private static TrustAnchor? ParseDs(DnsName owner, List<string> rdata)
    {
        if (rdata.Count < 4 || !ushort.TryParse(rdata[0], CultureInfo.InvariantCulture, out var tag)
            || !byte.TryParse(rdata[1], CultureInfo.InvariantCulture, out var algorithm)
            || !byte.TryParse(rdata[2], CultureInfo.InvariantCulture, out var digestType))
            return null;
        try
        {
            return new TrustAnchor(owner, new DelegationSigner(tag, algorithm, digestType, Convert.FromHexString(string.Concat(rdata.Skip(3)))), null);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static TrustAnchor? ParseDnskey(DnsName owner, List<string> rdata)
    {
        if (rdata.Count < 4 || !ushort.TryParse(rdata[0], CultureInfo.InvariantCulture, out var flags)
            || !byte.TryParse(rdata[1], CultureInfo.InvariantCulture, out var protocol)
            || !byte.TryParse(rdata[2], CultureInfo.InvariantCulture, out var algorithm))
            return null;
        try
        {
            var key = Convert.FromBase64String(string.Concat(rdata.Skip(3)));
            var wire = new byte[4 + key.Length];
            wire[0] = (byte)(flags >> 8);
            wire[1] = (byte)flags;
            wire[2] = protocol;
            wire[3] = algorithm;
            key.CopyTo(wire, 4);
            return Dnskey.Parse(wire).Value is { } dnskey ? new TrustAnchor(owner, null, dnskey) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string FingerprintOf(IEnumerable<TrustAnchor> anchors)
    {
        var lines = anchors.Select(a => a.Ds is { } ds
            ? $"{a.Zone} DS {ds.KeyTag} {ds.Algorithm} {ds.DigestType} {Convert.ToHexString(ds.Digest)}"
            : $"{a.Zone} DNSKEY {Convert.ToHexString(a.Key!.Rdata)}").Order(StringComparer.Ordinal);
        var digest = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }

    /// <summary>Logical records: comments removed, lines inside parentheses joined.</summary>
    private static IEnumerable<(string Record, int Line)> Records(string text)
    {
        var current = new StringBuilder();
        var depth = 0;
        var start = 0;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var comment = line.IndexOf(';');
            if (comment >= 0)
                line = line[..comment];
            if (depth == 0)
                start = i + 1;
            foreach (var c in line)
            {
                if (c == '(')
                    depth++;
                else if (c == ')')
                    depth = Math.Max(0, depth - 1);
                else
                    current.Append(c);
            }
            current.Append(' ');
            if (depth == 0)
            {
                if (current.ToString().Trim().Length > 0)
                    yield return (current.ToString(), start);
                current.Clear();
            }
        }
    }
}
