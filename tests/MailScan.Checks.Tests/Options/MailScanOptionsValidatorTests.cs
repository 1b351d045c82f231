using MailScan.Checks.Options;

namespace MailScan.Checks.Tests.Options;

public sealed class MailScanOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(MailScanOptionsValidator.Errors(new MailScanOptions()));

    [Fact]
    public void Every_invalid_value_is_named_with_its_key()
    {
        var options = new MailScanOptions();
        options.Dns.Resolvers = ["9.9.9.9", "1.2.3"];
        options.Dns.QueryTimeout = TimeSpan.Zero;
        options.Targets.AllowNetworks = ["127.0.0.0/33", "10.0.0.0/8", "nonsense"];
        options.Smtp.Port = 70000;
        options.Rpki.VrpsFile = "/nonexistent/vrps.json";
        options.Scan.DomainConcurrency = 0;
        options.Dns.CacheMaxEntries = 10;

        var errors = MailScanOptionsValidator.Errors(options).ToList();

        Assert.Contains(errors, e => e.StartsWith("Dns:Resolvers:1 (--resolver)", StringComparison.Ordinal) && e.Contains("'1.2.3'"));
        Assert.Contains(errors, e => e.StartsWith("Dns:QueryTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Targets:AllowNetworks:0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Targets:AllowNetworks:2", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("Targets:AllowNetworks:1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Smtp:Port (--smtp-port)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Rpki:VrpsFile (--vrps)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Scan:DomainConcurrency", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Dns:CacheMaxEntries: 10 is out of range", StringComparison.Ordinal));
        Assert.Equal(8, errors.Count);
    }

    [Fact]
    public void A_root_file_without_a_certificate_is_named_with_its_key_and_the_reason()
    {
        var empty = Path.GetTempFileName();
        try
        {
            var options = new MailScanOptions();
            options.Tls.ExtraRootFile = empty;

            Assert.Equal([$"Tls:ExtraRootFile (--extra-root): '{empty}' holds no PEM certificate"], MailScanOptionsValidator.Errors(options));
        }
        finally
        {
            File.Delete(empty);
        }
    }
}
