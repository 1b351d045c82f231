namespace MailScan.Parsing.Tests;

public sealed class SettingRangeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3601)]
    public void A_duration_not_above_zero_or_over_the_maximum_is_named_by_its_key(int seconds)
    {
        var error = Assert.Single(SettingRange.Positive("Cluster:BusMargin", TimeSpan.FromSeconds(seconds), TimeSpan.FromHours(1)));
        Assert.StartsWith("Cluster:BusMargin: ", error, StringComparison.Ordinal);
        Assert.EndsWith("is out of range (more than 0, at most 01:00:00)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3600)]
    public void A_duration_within_the_range_has_no_error(int seconds)
    {
        Assert.Empty(SettingRange.Positive("Cluster:BusMargin", TimeSpan.FromSeconds(seconds), TimeSpan.FromHours(1)));
    }
}
