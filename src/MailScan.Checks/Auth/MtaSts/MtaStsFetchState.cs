namespace MailScan.Checks.Auth.MtaSts;

/// <summary>How the MTA-STS policy fetch ended.</summary>
public enum MtaStsFetchState
{
    /// <summary>No single valid MTA-STS record, so no fetch (RFC 8461 §3.1).</summary>
    NotFetched,
    /// <summary>HTTP 200 with a body within the size limit.</summary>
    Fetched,
    /// <summary>mta-sts.&lt;domain&gt; has no address (or the lookup failed).</summary>
    NoAddress,
    /// <summary>The target policy refused every address.</summary>
    NotAllowed,
    /// <summary>No TCP connection to port 443.</summary>
    ConnectFailed,
    /// <summary>The TLS handshake failed or the certificate is not valid for the host.</summary>
    TlsFailed,
    /// <summary>A status other than 200 (redirects are not followed, §3.3).</summary>
    HttpError,
    /// <summary>No complete answer within the time limit.</summary>
    TimedOut,
    /// <summary>The body is larger than the configured cap.</summary>
    TooLarge,
}
