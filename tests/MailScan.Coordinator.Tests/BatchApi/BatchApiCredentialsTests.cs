using System.Text;
using MailScan.Coordinator.BatchApi;

namespace MailScan.Coordinator.Tests.BatchApi;

public sealed class BatchApiCredentialsTests
{
    private static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

    [Fact]
    public void The_password_of_basic_credentials_is_the_key_whatever_the_user_name()
    {
        Assert.Equal("s3cret:with:colons", BatchApiCredentials.KeyOf(Basic("registry:s3cret:with:colons")));
        Assert.Equal("s3cret", BatchApiCredentials.KeyOf(Basic(":s3cret")));
        Assert.Equal("sléutel", BatchApiCredentials.KeyOf(Basic("user:sléutel")));
    }

    [Fact]
    public void A_bearer_key_is_taken_as_grpc_takes_it()
    {
        Assert.Equal("k1", BatchApiCredentials.KeyOf("Bearer k1"));
        Assert.Equal("k1", BatchApiCredentials.KeyOf("  bearer   k1 "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic")]
    [InlineData("Basic !!!not-base64")]
    [InlineData("Digest username=\"a\"")]
    [InlineData("Bearer ")]
    public void Missing_or_malformed_credentials_present_no_key(string? header) =>
        Assert.Null(BatchApiCredentials.KeyOf(header));

    [Fact]
    public void Basic_credentials_without_a_password_or_a_colon_present_no_key()
    {
        Assert.Null(BatchApiCredentials.KeyOf(Basic("user:")));
        Assert.Null(BatchApiCredentials.KeyOf(Basic("just-a-user")));
        Assert.Null(BatchApiCredentials.KeyOf("Basic " + Convert.ToBase64String([0x75, 0x3a, 0xff, 0xfe])));
    }
}
