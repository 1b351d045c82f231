using System.Net;
using System.Security.Cryptography.X509Certificates;
using MailScan.LabServers;

// LabServers [--instance I] [--cert PEM --key PEM] [--smtp-cert PEM --smtp-key PEM] [--aia-issuer DER --aia-log FILE] MODE=ADDRESS:PORT ...   runs until killed.
// Modes are the Behaviour names in lower case (tarpit, reject421, dnsptrloop, hugepolicy, ...).
// LabServers --rtt MS [--jitter MS] relay=FRONT:PORT>BACK:PORT[,udp][,tcp][,slow=S|,greylist=S|,tarpit|,reject421] ...   a link with a round trip (DelayRelay).
var instance = 0;
double rtt = 0, jitter = 0;
var relays = new List<RelaySettings>();
string? certFile = null, keyFile = null, smtpCertFile = null, smtpKeyFile = null, aiaIssuer = null, aiaLog = null;
var listeners = new List<(Behaviour Behaviour, IPEndPoint Endpoint)>();
var openSslServers = new List<OpenSslServerSettings>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--instance" when i + 1 < args.Length && int.TryParse(args[i + 1], out instance):
            i++;
            continue;
        case "--cert" when i + 1 < args.Length:
            certFile = args[++i];
            continue;
        case "--key" when i + 1 < args.Length:
            keyFile = args[++i];
            continue;
        case "--smtp-cert" when i + 1 < args.Length:
            smtpCertFile = args[++i];
            continue;
        case "--smtp-key" when i + 1 < args.Length:
            smtpKeyFile = args[++i];
            continue;
        case "--aia-issuer" when i + 1 < args.Length:
            aiaIssuer = args[++i];
            continue;
        case "--aia-log" when i + 1 < args.Length:
            aiaLog = args[++i];
            continue;
        case "--rtt" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out rtt) && rtt >= 0:
            i++;
            continue;
        case "--jitter" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out jitter) && jitter >= 0:
            i++;
            continue;
    }
    if (RelaySettings.TryParse(args[i]) is { } relay)
    {
        if (relay.Settings is null)
        {
            Console.Error.WriteLine($"LabServers: '{args[i]}': {relay.Error}");
            return 2;
        }
        relays.Add(relay.Settings);
        continue;
    }
    if (OpenSslServerSettings.TryParse(args[i]) is { } openssl) // openssl=...: see OpenSslServerSettings
    {
        if (openssl.Settings is null)
        {
            Console.Error.WriteLine($"LabServers: '{args[i]}': {openssl.Error}");
            return 2;
        }
        openSslServers.Add(openssl.Settings);
        continue;
    }
    var parts = args[i].Split('=', 2);
    if (parts.Length != 2 || !Enum.TryParse<Behaviour>(parts[0], ignoreCase: true, out var behaviour) || !IPEndPoint.TryParse(parts[1], out var endpoint))
    {
        Console.Error.WriteLine($"LabServers: '{args[i]}' is not MODE=ADDRESS:PORT (modes: {string.Join(", ", Enum.GetNames<Behaviour>().Select(n => n.ToLowerInvariant()))})");
        return 2;
    }
    listeners.Add((behaviour, endpoint));
}
if (listeners.Count + openSslServers.Count + relays.Count == 0)
{
    Console.Error.WriteLine("usage: LabServers [--instance I] [--cert PEM --key PEM] [--aia-issuer DER --aia-log FILE] MODE=ADDRESS:PORT ...");
    return 2;
}
if (listeners.Any(l => l.Behaviour == Behaviour.HugePolicy) && (certFile is null || keyFile is null))
{
    Console.Error.WriteLine("LabServers: hugepolicy needs --cert and --key");
    return 2;
}
if (listeners.Any(l => l.Behaviour == Behaviour.TlsEndlessReply) && (smtpCertFile is null || smtpKeyFile is null))
{
    Console.Error.WriteLine("LabServers: tlsendlessreply needs --smtp-cert and --smtp-key");
    return 2;
}
if (listeners.Any(l => l.Behaviour == Behaviour.AiaRecorder) && (aiaIssuer is null || aiaLog is null))
{
    Console.Error.WriteLine("LabServers: aiarecorder needs --aia-issuer and --aia-log");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
var answers = new HostileDnsAnswers(instance);
// Loaded once, exported to PKCS#12 so the key is usable by SslStream on Linux.
using var certificate = certFile is null ? null : X509CertificateLoader.LoadPkcs12(X509Certificate2.CreateFromPemFile(certFile, keyFile).Export(X509ContentType.Pkcs12), null);
using var smtpCertificate = smtpCertFile is null ? null : X509CertificateLoader.LoadPkcs12(X509Certificate2.CreateFromPemFile(smtpCertFile, smtpKeyFile).Export(X509ContentType.Pkcs12), null);
var running = listeners.Select(l => l.Behaviour switch
{
    >= Behaviour.DnsTcpHang and <= Behaviour.DnsServfail => new LabDnsServer(l.Behaviour, l.Endpoint, answers).RunAsync(stop.Token),
    Behaviour.HugePolicy => new LabHttpsServer(l.Endpoint, certificate!).RunAsync(stop.Token),
    Behaviour.AiaRecorder => new LabAiaRecorder(l.Endpoint, aiaIssuer!, aiaLog!).RunAsync(stop.Token),
    Behaviour.RtrGarbage or Behaviour.RtrFlood => new LabRtrServer(l.Behaviour, l.Endpoint).RunAsync(stop.Token),
    _ => new LabSmtpServer(l.Behaviour, l.Endpoint, smtpCertificate).RunAsync(stop.Token),
}).ToList();
try
{
    await Task.WhenAll(running
        .Concat(openSslServers.Select(s => new OpenSslStartTlsServer(s).RunAsync(stop.Token)))
        // Each relay on the thread pool: a relay whose first reads complete at once (traffic already waiting) must not hold up the listeners after it.
        .Concat(relays.Select(r => Task.Run(() => new DelayRelay(r, TimeSpan.FromMilliseconds(rtt), TimeSpan.FromMilliseconds(jitter)).RunAsync(stop.Token)))));
}
catch (OperationCanceledException)
{
}
return 0;
