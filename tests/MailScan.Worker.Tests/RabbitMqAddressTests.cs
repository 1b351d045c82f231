namespace MailScan.Worker.Tests;

public sealed class RabbitMqAddressTests
{
    [Fact]
    public void A_rabbitmq_url_gives_the_host_and_the_credentials()
    {
        var (host, user, password, _) = RabbitMqAddress.Parse("rabbitmq://scanner:s%40cret@10.1.2.3:5673/scans");
        Assert.Equal(("scanner", "s@cret"), (user, password));
        Assert.Equal("rabbitmq://10.1.2.3:5673/scans", host.ToString());
        Assert.Equal(("guest", "guest"), (RabbitMqAddress.Parse("rabbitmq://localhost/").User, RabbitMqAddress.Parse("rabbitmq://localhost/").Password));
    }
}
