using System.Net;
using MailScan.Checks.Policy;
using MailScan.Checks.Policy.Dkim;
using MailScan.Checks.Policy.Dmarc;
using MailScan.Checks.Policy.MtaSts;
using MailScan.Checks.Policy.Psl;
using MailScan.Checks.Policy.Spf;
using MailScan.Checks.Policy.TlsRpt;
using MailScan.Parsing;
using MailScan.Tests.Shared;

namespace MailScan.Checks.Tests.Policy;

/// <summary>
/// Property tests of every policy parser: random and mutated records (10^5 per parser, with a
/// fixed seed so a failure repeats) never make a parser throw, and an error always points inside
/// the text. Valid SPF records are also macro-expanded and walked, which must not throw either.
/// </summary>
public sealed class PolicyParserFuzzTests
{
    private const int Seed = 20240607;

    /// <summary>Inputs per parser in every run: enough to reach rare paths, few enough for seconds.</summary>
    private static readonly int Inputs = FuzzBudget.Inputs;

    private static void Check<T>(string name, int count, PolicyFuzzer fuzzer, Func<string, Parsed<T, PolicyParseError>> parse, Action<T>? more = null) where T : class
    {
        for (var i = 0; i < count; i++)
        {
            var input = fuzzer.Next();
            Parsed<T, PolicyParseError> result;
            try
            {
                result = parse(input);
                if (result.IsValid)
                    more?.Invoke(result.Value);
            }
            catch (Exception ex)
            {
                Assert.Fail($"{name} threw {ex.GetType().Name} for input #{i} {Escape(input)}: {ex.Message}");
                return;
            }
            if (!result.IsValid)
                Assert.True(result.Error.Position >= 0 && result.Error.Position <= input.Length + 1, $"{name}: error position {result.Error.Position} outside {Escape(input)}");
        }
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));

    [Fact]
    public void Spf_parser_and_walk_survive_100000_random_and_mutated_records()
    {
        var fuzzer = new PolicyFuzzer(new Random(Seed),
            ["v=spf1 mx a:mail.example.com/24//64 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.net ~all",
             "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} ptr:example.org -all exp=explain.%{d2}",
             "v=spf1 redirect=_spf.%{o} moo.cow-far_out=man:dog/cat",
             "v=spf1 -a//0 mx:%{H}.example.com/0 ?all %% %_ %-"],
            ["v=spf1", "all", "-all", "include:", "a", "mx", "ptr", "ip4:", "ip6:", "exists:", "redirect=", "exp=", "%{d}", "%{ir}", "%{L2r-}",
             "/24", "//64", "example.com", "1.2.3.4", "::1", "x=y", ":", "%", "%{", "%{z}"]);
        var values = new SpfMacroValues("user@example.com", "example.com", IPAddress.Parse("2001:db8::1"), "helo.example.com", "mx.example.net", 1_700_000_000);
        Check("SpfParser", Inputs, fuzzer, SpfParser.Parse, record =>
        {
            foreach (var domain in record.Mechanisms.Select(m => m.Domain).Append(record.Redirect?.Value).Append(record.Explanation?.Value).OfType<SpfMacroString>())
                _ = SpfMacroExpander.ExpandDomain(domain, values);
            _ = SpfPolicyAnalysis.Analyse("example.com",
                new Dictionary<string, TxtEvidence> { ["example.com"] = new("example.com", "NOERROR", [record.Text]) },
                new Dictionary<string, SpfTargetEvidence>());
        });
    }

    [Fact]
    public void Spf_explanation_macros_survive_100000_random_texts()
    {
        var fuzzer = new PolicyFuzzer(new Random(Seed + 1), ["%{c} is not allowed to send for %{d} (%{r}, %{t}): see http://%{d}/why?%{L}", "%{i} %{p} %{v} %{h}"],
            ["%{c}", "%{r}", "%{t}", "%{i10r}", "%{s", "%x", " ", "text"]);
        var values = new SpfMacroValues("a@b.example", "b.example", IPAddress.Parse("192.0.2.1"), "h", "r", 1);
        Check("SpfMacroParser", Inputs, fuzzer, t => SpfMacroParser.Parse(t, 0, SpfMacroUse.Explanation), m => _ = SpfMacroExpander.Expand(m, values));
    }

    [Fact]
    public void Dmarc_parser_survives_100000_random_and_mutated_records()
    {
        var fuzzer = new PolicyFuzzer(new Random(Seed + 2),
            ["v=DMARC1; p=reject; sp=quarantine; np=reject; pct=50; t=y; psd=n; adkim=s; aspf=r; fo=0:1:d:s; rf=afrf; ri=86400; rua=mailto:a@example.com!10m,mailto:b@example.net; ruf=mailto:f@example.org",
             "v = DMARC1 ; p = none ; rua = https://reports.example.com/dmarc ;"],
            ["v=DMARC1", ";", "p=", "sp=", "rua=", "ruf=", "mailto:", "@", "example.com", "!", "10k", "pct=", "101", "reject", "none", "x=y"]);
        Check("DmarcParser", Inputs, fuzzer, DmarcParser.Parse);
    }

    [Fact]
    public void Dkim_key_parser_survives_100000_random_and_mutated_records()
    {
        var fuzzer = new PolicyFuzzer(new Random(Seed + 3),
            ["v=DKIM1; k=rsa; h=sha256; s=email; t=y:s; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB",
             "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", "v=DKIM1; p="],
            ["v=DKIM1", "k=rsa", "k=ed25519", "p=", "MIIB", "AAAA", "==", ";", "h=sha1:sha256", "t=y"]);
        Check("DkimKeyParser", Inputs, fuzzer, DkimKeyParser.Parse);
    }

    [Fact]
    public void Mta_sts_parsers_survive_100000_random_and_mutated_inputs()
    {
        var policies = new PolicyFuzzer(new Random(Seed + 4),
            ["version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n", "version: STSv1\nmode: none\nmax_age: 0\n"],
            ["version: STSv1", "mode: testing", "mx: ", "*.", "max_age: ", "31557601", "\r\n", "\n", "ext: value", ":"]);
        Check("MtaStsPolicyParser", Inputs, policies, MtaStsPolicyParser.Parse, p => _ = p.Covers("mx1.example.net"));
        var records = new PolicyFuzzer(new Random(Seed + 5), ["v=STSv1; id=20160831085700Z;", "v=STSv1;id=1;ext=x"], ["v=STSv1", ";", "id=", "abc", "="]);
        Check("MtaStsRecordParser", Inputs, records, MtaStsRecordParser.Parse);
    }

    [Fact]
    public void Tls_rpt_parser_survives_100000_random_and_mutated_records()
    {
        var fuzzer = new PolicyFuzzer(new Random(Seed + 6),
            ["v=TLSRPTv1; rua=mailto:tls@example.com,https://reports.example.com/v1", "v=TLSRPTv1;rua=mailto:a@b.example;ext=1;"],
            ["v=TLSRPTv1", "rua=", "mailto:", "https://", ",", ";", "@", "example.com"]);
        Check("TlsRptParser", Inputs, fuzzer, TlsRptParser.Parse);
    }

    [Fact]
    public void Public_suffix_lookups_survive_10000_random_names()
    {
        var psl = PublicSuffixList.BuiltIn();
        var fuzzer = new PolicyFuzzer(new Random(Seed + 7), ["www.example.co.uk", "a.b.kawasaki.jp", "city.kawasaki.jp", "xn--p1ai"], [".", "..", "*", "!", "com", "uk", "jp"]);
        for (var i = 0; i < 10_000; i++)
        {
            var name = fuzzer.Next();
            var org = psl.OrganisationalDomain(name);
            Assert.True(name.Trim().TrimEnd('.').ToLowerInvariant().EndsWith(org, StringComparison.Ordinal) || org.Length == 0 || name.Contains(".."),
                $"organisational domain '{org}' is not a suffix of '{name}'");
        }
    }
}
