using System.Net;
using MailScan.LabServers;

// LabServers MODE=ADDRESS:PORT ...   (modes: tarpit, reject421, brokentls); runs until killed.
var servers = new List<LabSmtpServer>();
foreach (var arg in args)
{
    var parts = arg.Split('=', 2);
    if (parts.Length != 2 || !Enum.TryParse<Behaviour>(parts[0], ignoreCase: true, out var behaviour) || !IPEndPoint.TryParse(parts[1], out var endpoint))
    {
        Console.Error.WriteLine($"LabServers: '{arg}' is not MODE=ADDRESS:PORT (modes: tarpit, reject421, brokentls)");
        return 2;
    }
    servers.Add(new LabSmtpServer(behaviour, endpoint));
}
if (servers.Count == 0)
{
    Console.Error.WriteLine("usage: LabServers MODE=ADDRESS:PORT ...");
    return 2;
}
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    await Task.WhenAll(servers.Select(s => s.RunAsync(stop.Token)));
}
catch (OperationCanceledException)
{
}
return 0;
