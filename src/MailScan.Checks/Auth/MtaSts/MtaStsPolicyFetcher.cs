using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using MailScan.Checks.Options;
using MailScan.Checks.Trust;
using MailScan.Tls;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Auth.MtaSts;

/// <summary>
/// Fetches an MTA-STS policy over HTTPS from one chosen address (RFC 8461 §3.3): SNI and Host are
/// mta-sts.&lt;domain&gt;, the certificate must be valid for that name (system roots or the extra
/// roots), redirects are not followed, the body is capped, and the whole exchange has a time limit.
/// </summary>
public sealed class MtaStsPolicyFetcher(ExtraTrustedRoots roots, IOptions<MailScanOptions> options)
{
    private readonly AuthOptions _options = options.Value.Auth;

    /// <summary>The outcome of one fetch.</summary>
    public sealed record Outcome(MtaStsFetchState State, int? HttpStatus, string? ContentType, string? Body, string? Error);

    public async Task<Outcome> FetchAsync(string host, IPAddress address, CancellationToken cancellationToken)
    {
        string? tlsError = null;
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _options.MtaStsTimeout,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, 443), token).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = host,
                CertificateChainPolicy = OfflineChainPolicy.Create(),
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    tlsError = roots.Check(certificate, chain, errors);
                    return tlsError is null;
                },
            },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_options.MtaStsTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{host}/.well-known/mta-sts.txt") { Version = HttpVersion.Version11 };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (status != 200)
                return new Outcome(MtaStsFetchState.HttpError, status, type, null, $"HTTP {status}{(status is >= 300 and < 400 ? " (redirects are not followed)" : string.Empty)}");
            var body = await ReadCappedAsync(response, limit.Token).ConfigureAwait(false);
            return body is null
                ? new Outcome(MtaStsFetchState.TooLarge, status, type, null, $"the policy is larger than {_options.MtaStsMaxBytes} bytes")
                : new Outcome(MtaStsFetchState.Fetched, status, type, body, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(MtaStsFetchState.TimedOut, null, null, null, $"no complete answer within {_options.MtaStsTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return Failure(ex, tlsError);
        }
    }

    private static Outcome Failure(HttpRequestException ex, string? tlsError)
    {
        if (tlsError is not null || ex.InnerException is AuthenticationException)
            return new Outcome(MtaStsFetchState.TlsFailed, null, null, null, tlsError ?? ex.InnerException?.Message ?? ex.Message);
        if (ex.HttpRequestError == HttpRequestError.ConnectionError || ex.InnerException is SocketException)
            return new Outcome(MtaStsFetchState.ConnectFailed, null, null, null, ex.InnerException?.Message ?? ex.Message);
        return new Outcome(MtaStsFetchState.HttpError, null, null, null, ex.InnerException?.Message ?? ex.Message);
    }

    /// <summary>The body as text, or null when it is over the cap (never more than cap + 1 bytes are read).</summary>
    private async Task<string?> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > _options.MtaStsMaxBytes)
            return null;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[_options.MtaStsMaxBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            total += read;
        return total > _options.MtaStsMaxBytes ? null : Encoding.UTF8.GetString(buffer, 0, total);
    }
}
