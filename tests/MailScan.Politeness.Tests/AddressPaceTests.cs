using MailScan.Politeness;

namespace MailScan.Politeness.Tests;

public sealed class AddressPaceTests
{
    private static readonly PaceLimits Limits = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    private static AddressPace Run(params ServerAnswer[] answers) =>
        answers.Aggregate(AddressPace.Initial(Limits), (pace, answer) => pace.After(answer, Limits));

    [Fact]
    public void A_put_off_after_accepted_connections_spreads_them_over_the_wait_that_cleared_it()
    {
        var pace = Run(ServerAnswer.Accepted, ServerAnswer.Accepted, ServerAnswer.PutOff);
        Assert.Equal(TimeSpan.FromSeconds(10), pace.RetryWait);
        Assert.Equal(TimeSpan.FromMilliseconds(500), pace.Spacing);

        pace = pace.After(ServerAnswer.Accepted, Limits);

        Assert.Equal(TimeSpan.FromSeconds(5), pace.Spacing);
        Assert.True(pace.Learnt(Limits));
        Assert.Equal(1, pace.AcceptedInRun);
    }

    [Fact]
    public void Put_offs_in_a_row_double_the_wait_up_to_the_longest()
    {
        var waits = new List<TimeSpan>();
        var pace = Run(ServerAnswer.Accepted);
        for (var i = 0; i < 7; i++)
        {
            pace = pace.After(ServerAnswer.PutOff, Limits);
            waits.Add(pace.RetryWait);
        }
        Assert.Equal([10, 20, 40, 80, 160, 300, 300], waits.Select(w => (int)w.TotalSeconds));
    }

    [Fact]
    public void Greylisting_on_first_contact_delays_the_retry_but_teaches_no_spacing()
    {
        var pace = Run(ServerAnswer.PutOff, ServerAnswer.PutOff, ServerAnswer.PutOff, ServerAnswer.Accepted);
        Assert.Equal(TimeSpan.FromMilliseconds(500), pace.Spacing);
        Assert.Equal(0, pace.PutOffsInRow);
        Assert.Equal(1, pace.AcceptedInRun);
    }

    [Fact]
    public void A_learnt_spacing_that_is_put_off_again_at_least_doubles()
    {
        var pace = Run(ServerAnswer.Accepted, ServerAnswer.Accepted, ServerAnswer.PutOff, ServerAnswer.Accepted);
        Assert.Equal(TimeSpan.FromSeconds(5), pace.Spacing);

        pace = Run(ServerAnswer.Accepted, ServerAnswer.Accepted, ServerAnswer.PutOff, ServerAnswer.Accepted,
            ServerAnswer.Accepted, ServerAnswer.Accepted, ServerAnswer.Accepted, ServerAnswer.Accepted, ServerAnswer.Accepted, ServerAnswer.Accepted,
            ServerAnswer.PutOff, ServerAnswer.Accepted);

        // The second wait is twice the learnt spacing (10 s); spread over 7 connections it would shrink, so the spacing doubles instead.
        Assert.Equal(TimeSpan.FromSeconds(10), pace.Spacing);
    }

    [Fact]
    public void The_spacing_never_exceeds_the_longest()
    {
        var limits = Limits with { MaxSpacing = TimeSpan.FromSeconds(30) };
        var pace = AddressPace.Initial(limits);
        foreach (var answer in new[] { ServerAnswer.Accepted, ServerAnswer.PutOff, ServerAnswer.PutOff, ServerAnswer.PutOff, ServerAnswer.Accepted })
            pace = pace.After(answer, limits);
        Assert.Equal(TimeSpan.FromSeconds(30), pace.RetryWait);
        Assert.Equal(TimeSpan.FromSeconds(30), pace.Spacing);
    }

    [Fact]
    public void Only_a_taught_pace_or_a_run_is_worth_keeping()
    {
        var lifetime = TimeSpan.FromHours(12);
        Assert.Equal(TimeSpan.Zero, AddressPace.Initial(Limits).KeepFor(Limits, lifetime));
        Assert.Equal(AddressPace.RunMemory, Run(ServerAnswer.Accepted).KeepFor(Limits, lifetime));
        Assert.Equal(lifetime, Run(ServerAnswer.Accepted, ServerAnswer.PutOff).KeepFor(Limits, lifetime));
    }
}
