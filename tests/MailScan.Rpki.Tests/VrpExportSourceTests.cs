using MailScan.Rpki;

namespace MailScan.Rpki.Tests;

public sealed class VrpExportSourceTests
{
    [Fact]
    public void A_vrp_url_is_named_in_logs_and_reports_without_its_credentials_or_query()
    {
        using var http = new HttpClient();
        var source = VrpExportSource.FromUrl(new Uri("https://reader:s3cret@rpki.example:8443/export/vrps.json?token=t0ken"),
            TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30), http, TimeProvider.System);

        Assert.Equal("https://rpki.example:8443/export/vrps.json", source.Location);
    }
}
