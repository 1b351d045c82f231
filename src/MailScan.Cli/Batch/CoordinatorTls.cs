using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailScan.Tls;

namespace MailScan.Cli.Batch;

/// <summary>
/// How `mailscan batch --server https://…` trusts a coordinator: the CA of --ca-file alone (else
/// the system's roots), and the client certificate of --client-cert/--client-key when the
/// coordinator asks for one (mutual TLS).
/// </summary>
internal sealed record CoordinatorTls(string? CaFile, string? ClientCertificateFile, string? ClientKeyFile)
{
    /// <summary>The settings' problems, one line each, before anything connects.</summary>
    public IEnumerable<string> Errors(string? server)
    {
        foreach (var (flag, path) in new[] { ("--ca-file", CaFile), ("--client-cert", ClientCertificateFile), ("--client-key", ClientKeyFile) })
        {
            if (path is not null && !File.Exists(path))
                yield return $"{flag}: no file '{path}'";
        }
        if ((ClientCertificateFile is null) != (ClientKeyFile is null))
            yield return "--client-cert and --client-key go together: the certificate and its private key";
        if ((CaFile ?? ClientCertificateFile) is not null && server?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) != true)
            yield return "--ca-file, --client-cert and --client-key need an https:// --server";
    }

    /// <summary>The HTTP handler of the gRPC channel, with this trust and client certificate.</summary>
    public SocketsHttpHandler Handler()
    {
        var ssl = new SslClientAuthenticationOptions();
        if (CaFile is not null)
            ssl.CertificateChainPolicy = PrivateCaTrust.Load(CaFile).Policy();
        if (ClientCertificateFile is not null && ClientKeyFile is not null)
            ssl.ClientCertificates = [X509Certificate2.CreateFromPemFile(ClientCertificateFile, ClientKeyFile)];
        return new SocketsHttpHandler { SslOptions = ssl, EnableMultipleHttp2Connections = true };
    }
}
