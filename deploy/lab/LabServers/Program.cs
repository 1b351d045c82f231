using System.Net;
using MailScan.LabServers;

// LabServers MODE=ADDRESS:PORT ...   (modes: tarpit, reject421, brokentls); runs until killed.
var servers = new List<LabSmtpServer>();
var others = new List<Func<CancellationToken, Task>>();
foreach (var arg in args)
{
    if (OpenSslServerSettings.TryParse(arg) is { } openssl) // openssl=...: see OpenSslServerSettings
    {
        if (openssl.Settings is null)
        {
            Console.Error.WriteLine($"LabServers: '{arg}': {openssl.Error}");
            return 2;
        }
        others.Add(new OpenSslStartTlsServer(openssl.Settings).RunAsync);
        continue;
    }
    var parts = arg.Split('=', 2);
    if (parts.Length != 2 || !Enum.TryParse<Behaviour>(parts[0], ignoreCase: true, out var behaviour) || !IPEndPoint.TryParse(parts[1], out var endpoint))
    {
        Console.Error.WriteLine($"LabServers: '{arg}' is not MODE=ADDRESS:PORT (modes: tarpit, reject421, brokentls)");
        return 2;
    }
    servers.Add(new LabSmtpServer(behaviour, endpoint));
}
if (servers.Count + others.Count == 0)
{
    Console.Error.WriteLine("usage: LabServers MODE=ADDRESS:PORT ...");
    return 2;
}
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    await Task.WhenAll(servers.Select(s => s.RunAsync(stop.Token)).Concat(others.Select(run => run(stop.Token))));
}
catch (OperationCanceledException)
{
}
return 0;
