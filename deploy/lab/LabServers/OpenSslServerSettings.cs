using System.Net;

namespace MailScan.LabServers;

/// <summary>
/// One listener of <see cref="OpenSslStartTlsServer"/>, from an argument
/// <c>openssl=ADDRESS:PORT,cert=FILE,key=FILE,chain=FILE[,name=HOST][,renegotiations=N][,ssl2=on]</c>:
/// the certificate, its key and the CA certificates sent after it, the host name it greets with,
/// when given, how many client renegotiations it allows on one connection, and whether it answers
/// SSL 2.0 hellos.
/// </summary>
public sealed record OpenSslServerSettings(IPEndPoint Endpoint, string Certificate, string Key, string Chain, string Name, int? RenegotiationLimit, bool Ssl2 = false)
{
    private const string Prefix = "openssl=";

    /// <summary>Null when the argument is not of this mode; else the settings or why they are wrong.</summary>
    public static (OpenSslServerSettings? Settings, string? Error)? TryParse(string argument)
    {
        if (!argument.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return null;
        var parts = argument[Prefix.Length..].Split(',');
        if (!IPEndPoint.TryParse(parts[0], out var endpoint))
            return (null, $"'{parts[0]}' is not ADDRESS:PORT");
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
                return (null, $"'{part}' is not NAME=VALUE");
            options[pair[0]] = pair[1];
        }
        foreach (var required in new[] { "cert", "key", "chain" })
        {
            if (!options.TryGetValue(required, out var file) || !File.Exists(file))
                return (null, $"{required}= names no file");
        }
        int? limit = null;
        if (options.TryGetValue("renegotiations", out var text))
        {
            if (!int.TryParse(text, out var value) || value < 0)
                return (null, $"renegotiations={text} is not a count");
            limit = value;
        }
        var ssl2 = options.GetValueOrDefault("ssl2", "off");
        if (ssl2 is not ("on" or "off"))
            return (null, $"ssl2={ssl2} is not on or off");
        return (new OpenSslServerSettings(endpoint, options["cert"], options["key"], options["chain"], options.GetValueOrDefault("name", "openssl.lab.test"), limit, ssl2 == "on"), null);
    }
}
