using MailScan.Tls;
using MailScan.Tls.Enumeration;

namespace MailScan.Tls.Tests;

public sealed class TlsEnumeratorTests
{
    private static readonly string[] Modern12 =
    [
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    ];

    private static readonly string[] Tls13Suites = ["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"];

    private static SimulatedTlsServer Modern(bool serverOrder = true) => new(
        [TlsVersion.Tls12, TlsVersion.Tls13], [.. Tls13Suites, .. Modern12], serverOrder,
        [TlsNamedGroups.X25519, TlsNamedGroups.Secp256r1, TlsNamedGroups.Secp384r1], [0x0403, 0x0503, 0x0804]);

    private static Task<TlsEvaluation> Run(SimulatedTlsServer server, EnumerationMode mode = EnumerationMode.Verdict, int budget = 25) =>
        new TlsEnumerator(mode, budget, "mx.example.nl", b => b.Fill(7)).RunAsync(server.ExchangeAsync, CancellationToken.None);

    [Fact]
    public async Task A_modern_server_is_judged_in_few_connections()
    {
        var server = Modern();
        var result = await Run(server);
        Assert.True(result.Complete);
        Assert.Equal([TlsVersion.Tls13, TlsVersion.Tls12], result.Versions);
        Assert.Equal([TlsVersion.Tls11, TlsVersion.Tls10, TlsVersion.Ssl30, TlsVersion.Ssl20], result.VersionsRefused);
        Assert.Empty(result.Ssl2CipherKinds);
        Assert.True(result.CipherOrder!.ServerOrder);
        Assert.True(result.CipherOrder.PrefersStronger);
        Assert.False(result.KeyExchangeHash.Sha1Accepted);
        Assert.All(result.Suites, s => Assert.NotEqual(TlsClass.Insufficient, s.Class));
        Assert.True(server.Connections <= 20, $"{server.Connections} connections");
        Assert.Equal(server.Connections, result.Hellos);
    }

    [Fact]
    public async Task Full_mode_finds_every_accepted_suite_of_every_version()
    {
        var server = Modern() with { Versions = [TlsVersion.Tls10, TlsVersion.Tls12, TlsVersion.Tls13], Suites = [.. Tls13Suites, .. Modern12, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"] };
        var result = await Run(server, EnumerationMode.Full, 200);
        var expected = Tls13Suites.Select(n => (TlsVersion.Tls13, n))
            .Concat(Modern12.Append("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA").Select(n => (TlsVersion.Tls12, n)))
            .Append((TlsVersion.Tls10, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"))
            .ToHashSet();
        Assert.Equal(expected, result.Suites.Select(s => (s.Version, s.Name)).ToHashSet());
        Assert.Contains(result.Groups, g => g.Code == TlsNamedGroups.Secp384r1 && g.Source == "ECDHE");
    }

    [Fact]
    public async Task A_server_that_follows_the_client_order_is_caught()
    {
        var result = await Run(Modern(serverOrder: false));
        Assert.True(result.CipherOrder!.Tested);
        Assert.False(result.CipherOrder.ServerOrder);
    }

    [Fact]
    public async Task A_weak_suite_is_found_with_one_hello_per_class()
    {
        var server = Modern() with { Suites = [.. Modern12, "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"] };
        var result = await Run(server);
        Assert.Contains(result.Suites, s => s.Class == TlsClass.Insufficient && s.Version == TlsVersion.Tls12);
        Assert.Contains(result.Suites, s => s.Class == TlsClass.PhaseOut);
    }

    [Fact]
    public async Task Sha1_signatures_of_the_key_exchange_are_detected()
    {
        var result = await Run(Modern() with { Schemes = [0x0403, 0x0203] });
        Assert.True(result.KeyExchangeHash.Sha1Accepted);
        Assert.False(result.KeyExchangeHash.Sha224Accepted);
    }

    [Fact]
    public async Task A_server_that_takes_deflate_is_caught_and_a_modern_one_is_not()
    {
        Assert.True((await Run(Modern() with { Compresses = true })).Compression);
        Assert.False((await Run(Modern())).Compression);
    }

    [Fact]
    public async Task A_server_that_drops_long_hellos_is_still_enumerated_with_short_ones()
    {
        var result = await Run(Modern() with { MaxHelloSuites = 60 });
        Assert.Contains(TlsVersion.Tls12, result.Versions);
        Assert.True(result.CipherOrder!.ServerOrder);
        Assert.Contains(result.Notes, n => n.Contains("cut to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_budget_stops_the_enumeration_and_says_so()
    {
        var result = await Run(Modern(), EnumerationMode.Full, 4);
        Assert.False(result.Complete);
        Assert.Equal(4, result.Hellos);
        Assert.Contains(result.Notes, n => n.Contains("budget", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tls13_only_server_has_no_order_to_judge()
    {
        var result = await Run(Modern() with { Versions = [TlsVersion.Tls13] });
        Assert.Equal([TlsVersion.Tls13], result.Versions);
        Assert.Null(result.CipherOrder);
        Assert.Null(result.SecureRenegotiation);
    }

    [Fact]
    public async Task A_server_that_answers_ssl2_has_it_among_its_versions_on_a_connection_of_its_own()
    {
        var server = Modern() with { Versions = [TlsVersion.Ssl20, TlsVersion.Tls12, TlsVersion.Tls13] };
        var result = await Run(server);
        Assert.Equal([TlsVersion.Tls13, TlsVersion.Tls12, TlsVersion.Ssl20], result.Versions);
        Assert.Equal(["SSL_CK_RC4_128_WITH_MD5"], result.Ssl2CipherKinds);
        Assert.DoesNotContain(result.Suites, s => s.Version == TlsVersion.Ssl20);
        Assert.Equal(server.Connections, result.Hellos);
    }

    [Fact]
    public async Task A_server_that_speaks_only_ssl2_gets_no_tls_suite_or_order_probes()
    {
        var server = Modern() with { Versions = [TlsVersion.Ssl20] };
        var result = await Run(server);
        Assert.Equal([TlsVersion.Ssl20], result.Versions);
        Assert.Null(result.CipherOrder);
        Assert.Empty(result.Suites);
        Assert.True(result.Complete);
    }

    [Fact]
    public async Task A_budget_spent_before_ssl2_leaves_it_neither_accepted_nor_refused()
    {
        var result = await Run(Modern(), EnumerationMode.Verdict, 3);
        Assert.DoesNotContain(TlsVersion.Ssl20, result.Versions);
        Assert.DoesNotContain(TlsVersion.Ssl20, result.VersionsRefused);
        Assert.False(result.Complete);
    }
}
