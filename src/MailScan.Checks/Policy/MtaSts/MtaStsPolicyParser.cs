using System.Globalization;
using MailScan.Parsing;

namespace MailScan.Checks.Policy.MtaSts;

/// <summary>
/// Parses an MTA-STS policy file (RFC 8461 §3.2): "key: value" lines ending in LF or CRLF;
/// version STSv1, mode, max_age and the mx patterns checked; other keys are extensions and
/// ignored. Pure and total.
/// </summary>
public static class MtaStsPolicyParser
{
    public static Parsed<MtaStsPolicy, PolicyParseError> Parse(string? text)
    {
        text ??= string.Empty;
        string? version = null, mode = null, maxAge = null;
        var mx = new List<string>();
        var extensions = new List<string>();
        var position = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            var at = position;
            position += raw.Length + 1;
            if (line.Trim(' ', '\t').Length == 0)
                continue;
            var colon = line.IndexOf(':');
            if (colon <= 0)
                return Parsed<MtaStsPolicy, PolicyParseError>.Fail(new PolicyParseError(at, $"'{Clip(line)}' is not a \"key: value\" line"));
            var key = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (!key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') || key.Length > 32)
                return Parsed<MtaStsPolicy, PolicyParseError>.Fail(new PolicyParseError(at, $"'{Clip(key)}' is not a field name"));
            if (value.Any(c => c is < ' ' and not '\t' or > '~'))
                return Parsed<MtaStsPolicy, PolicyParseError>.Fail(new PolicyParseError(at + colon + 1, $"the value of {key} holds a character that is not printable ASCII"));
            var error = key switch
            {
                "version" => Once(ref version, value),
                "mode" => Once(ref mode, value),
                "max_age" => Once(ref maxAge, value),
                "mx" => AddPattern(mx, value),
                _ => AddExtension(extensions, key),
            };
            if (error is not null)
                return Parsed<MtaStsPolicy, PolicyParseError>.Fail(new PolicyParseError(at, $"{key}: {error}"));
        }
        return Build(version, mode, maxAge, mx, extensions);
    }

    private static Parsed<MtaStsPolicy, PolicyParseError> Build(string? version, string? mode, string? maxAge, List<string> mx, List<string> extensions)
    {
        if (version != "STSv1")
            return Parsed<MtaStsPolicy, PolicyParseError>.Fail(new PolicyParseError(0, version is null ? "the policy has no \"version: STSv1\" line" : $"version {version} is not STSv1"));
        MtaStsMode? parsedMode = mode switch { "enforce" => MtaStsMode.Enforce, "testing" => MtaStsMode.Testing, "none" => MtaStsMode.None, _ => null };
        if (parsedMode is null)
            return Parsed<MtaStsPolicy, PolicyParseError>.Fail(new PolicyParseError(0, mode is null ? "the policy has no mode line" : $"mode {mode} is not enforce, testing or none"));
        if (maxAge is null || maxAge.Length is 0 or > 10 || !maxAge.All(char.IsAsciiDigit))
            return Parsed<MtaStsPolicy, PolicyParseError>.Fail(new PolicyParseError(0, maxAge is null ? "the policy has no max_age line" : $"max_age {maxAge} is not a number of seconds"));
        var seconds = long.Parse(maxAge, CultureInfo.InvariantCulture);
        if (seconds > MtaStsPolicy.MaxMaxAge)
            return Parsed<MtaStsPolicy, PolicyParseError>.Fail(new PolicyParseError(0, $"max_age {seconds} is more than {MtaStsPolicy.MaxMaxAge} seconds"));
        if (parsedMode != MtaStsMode.None && mx.Count == 0)
            return Parsed<MtaStsPolicy, PolicyParseError>.Fail(new PolicyParseError(0, "the policy lists no mx patterns"));
        return Parsed<MtaStsPolicy, PolicyParseError>.Ok(new MtaStsPolicy(parsedMode.Value, seconds, mx, extensions));
    }

    private static string? Once(ref string? field, string value)
    {
        if (field is not null)
            return "appears more than once";
        field = value;
        return null;
    }

    /// <summary>sts-policy-mx-value = ["*."] Domain.</summary>
    private static string? AddPattern(List<string> patterns, string value)
    {
        var domain = value.StartsWith("*.", StringComparison.Ordinal) ? value[2..] : value;
        var labels = domain.TrimEnd('.').Split('.');
        if (domain.Length is 0 or > 253 || labels.Length < 2
            || !labels.All(l => l.Length is >= 1 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && l[0] != '-' && l[^1] != '-'))
            return $"'{value}' is not a host name or *.domain pattern";
        patterns.Add(value.ToLowerInvariant());
        return null;
    }

    private static string? AddExtension(List<string> extensions, string key)
    {
        extensions.Add(key);
        return null;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
