using Google.Protobuf.WellKnownTypes;
using MailScan.Coordinator.Reports;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests.Reports;

/// <summary>The sentence a report gives a strict mail server: which, why, how long against the budget, and what stayed not testable.</summary>
public sealed class StrictServerTextTests
{
    private static V1.StrictServer Server(int connections, double seconds, double budgetSeconds, string why, string stopped = "", params string[] notTestable)
    {
        var server = new V1.StrictServer
        {
            Mx = "mx.example.nl",
            Address = "192.0.2.25",
            Why = why,
            Connections = (uint)connections,
            Took = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)),
            Budget = Duration.FromTimeSpan(TimeSpan.FromSeconds(budgetSeconds)),
            StoppedBecause = stopped,
        };
        server.NotTestable.AddRange(notTestable);
        return server;
    }

    [Fact]
    public void A_server_waited_out_completely_says_why_and_how_long_of_the_budget()
    {
        Assert.Equal(
            "mx.example.nl (192.0.2.25) is a strict mail server: 1 connection put off with a 4xx or refused. "
            + "Its evaluation took 71 s of the 10 min allowed for a strict server, over 16 connections; every sub-test was measured.",
            StrictServerText.Of(Server(16, 71, 600, "1 connection put off with a 4xx or refused")));
    }

    [Fact]
    public void One_connection_is_singular()
    {
        Assert.Contains("over 1 connection;", StrictServerText.Of(Server(1, 8, 60, "a greeting after up to 8.0 s")));
    }

    [Fact]
    public void A_spent_budget_names_the_sub_tests_left_not_testable_by_their_labels()
    {
        var text = StrictServerText.Of(Server(9, 60, 60, "a greeting after up to 7.0 s", "the strict server's time budget (60 s) ran out after 9 connections",
            "mail_starttls_tls_clientreneg", "mail_starttls_tls_0rtt"));

        Assert.EndsWith("Its evaluation took 60 s of the 60 s allowed for a strict server, over 9 connections, then stopped (the strict server's time budget (60 s) "
            + "ran out after 9 connections), so 2 sub-tests stayed not testable: Client-initiated renegotiation, 0-RTT.", text);
    }

    [Fact]
    public void Without_a_budget_the_sentence_says_a_single_retry_was_made()
    {
        var text = StrictServerText.Of(Server(3, 12, 0, "2 connections put off with a 4xx or refused", "the server put us off again after one retry",
            "mail_starttls_tls_available"));

        Assert.Contains("took 12 s with a single retry (strict servers are not waited out), over 3 connections, then stopped", text);
        Assert.EndsWith("so 1 sub-test stayed not testable: STARTTLS available.", text);
    }
}
