namespace MailScan.Dns.Tests;

public sealed class ResolverHealthTests
{
    [Fact]
    public void The_timeout_share_is_of_the_questions_since_the_last_take()
    {
        var health = new ResolverHealth();
        Assert.Equal(0, health.TakeTimeoutShare());

        for (var i = 0; i < 8; i++)
            health.Count(timedOut: i < 2);
        Assert.Equal(0.25, health.TakeTimeoutShare());

        health.Count(timedOut: false);
        Assert.Equal(0, health.TakeTimeoutShare());
    }
}
