using MailScan.Coordinator.Access;

namespace MailScan.Coordinator.Tests.Access;

public sealed class ApiKeyRingTests
{
    private static ApiKeyRing Ring(params (string Name, string Key)[] keys) => new(Microsoft.Extensions.Options.Options.Create(new AccessOptions
    {
        Keys = [.. keys.Select(k => new ApiKeyOptions { Name = k.Name, Sha256 = ApiKeyRing.Hash(k.Key) })],
    }));

    [Fact]
    public void The_hash_is_the_sha256_of_the_utf8_key_in_lower_case_hex()
    {
        // printf %s abc | sha256sum
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyRing.Hash("abc"));
    }

    [Fact]
    public void A_configured_key_is_found_by_its_plain_text_and_known_by_its_name()
    {
        var ring = Ring(("ops", "key-one"), ("research", "key-two"));
        Assert.False(ring.IsOpen);
        Assert.Equal("research", ring.Find("key-two")?.Name);
        Assert.Equal("ops", ring.Find("key-one")?.Name);
    }

    [Fact]
    public void An_unknown_empty_or_hashed_key_is_not_found()
    {
        var ring = Ring(("ops", "key-one"));
        Assert.Null(ring.Find("key-two"));
        Assert.Null(ring.Find(""));
        Assert.Null(ring.Find(ApiKeyRing.Hash("key-one")));
        Assert.Null(ring.Find(new string('k', ApiKeyRing.MaxKeyLength + 1)));
    }

    [Fact]
    public void Upper_case_hashes_in_the_configuration_match_too()
    {
        var ring = new ApiKeyRing(Microsoft.Extensions.Options.Options.Create(new AccessOptions
        {
            Keys = [new ApiKeyOptions { Name = "ops", Sha256 = ApiKeyRing.Hash("key-one").ToUpperInvariant() }],
        }));
        Assert.Equal("ops", ring.Find("key-one")?.Name);
    }

    [Fact]
    public void Without_keys_the_ring_is_open()
    {
        Assert.True(Ring().IsOpen);
    }

    [Fact]
    public void Bad_key_settings_are_refused_with_the_setting_and_the_reason()
    {
        var access = new AccessOptions
        {
            Keys =
            [
                new ApiKeyOptions { Name = "ops", Sha256 = "not-hex" },
                new ApiKeyOptions { Name = "ops", Sha256 = ApiKeyRing.Hash("x"), MaxConcurrentBatches = -1, RequestBurst = 0 },
                new ApiKeyOptions { Name = "with space", Sha256 = ApiKeyRing.Hash("x") },
            ],
        };
        var errors = access.Errors().ToList();
        Assert.Contains(errors, e => e.StartsWith("Access:Keys:0:Sha256: not a SHA-256", StringComparison.Ordinal) && e.Contains("sha256sum"));
        Assert.Contains("Access:Keys:1:Name: 'ops' is the name of another key too", errors);
        Assert.Contains(errors, e => e.StartsWith("Access:Keys:1:MaxConcurrentBatches", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Access:Keys:1:RequestBurst", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Access:Keys:2:Name: 'with space' is not a key name", StringComparison.Ordinal));
        Assert.Contains("Access:Keys:2:Sha256: the same key is given twice", errors);
    }
}
