using MailScan.Coordinator.Web;

namespace MailScan.Coordinator.Tests.Web;

public sealed class WebOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(new WebOptions().Errors());

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    public void Stored_reports_of_the_web_page_out_of_range_are_named(int stored)
    {
        Assert.Equal([$"Web:StoredReports: {stored} is out of range (1-1000000)"], new WebOptions { StoredReports = stored }.Errors());
    }
}
