namespace MailScan.LabServers;

/// <summary>How a lab server misbehaves. The name, in lower case, is the mode on the command line.</summary>
public enum Behaviour
{
    // ---- SMTP (port 25) ----

    /// <summary>Accepts the connection and greets only after 20 seconds.</summary>
    Tarpit,
    /// <summary>Greets with 421 (try later) and closes.</summary>
    Reject421,
    /// <summary>Offers STARTTLS, says 220 to it, then answers the ClientHello with plain text.</summary>
    BrokenTls,
    /// <summary>Accepts the connection and never says anything.</summary>
    NoBanner,
    /// <summary>Sends its greeting one byte per second.</summary>
    SlowBanner,
    /// <summary>Greets, then answers EHLO with a multi-line 250 reply that never ends.</summary>
    EndlessReply,
    /// <summary>Greets with a single line of 10 MiB.</summary>
    HugeLine,
    /// <summary>Says 220 to STARTTLS, then sends TLS records full of random bytes without end.</summary>
    TlsGarbage,
    /// <summary>Says 220 to STARTTLS, then sends a ServerHello whose length is 16 MiB, fed record by record.</summary>
    BadServerHello,
    /// <summary>Greets, reads EHLO and resets the connection instead of answering.</summary>
    ResetAfterEhlo,
    /// <summary>Greets with 220, then answers nothing at all.</summary>
    SilentAfterGreeting,
    /// <summary>Completes a real TLS handshake after STARTTLS, then answers EHLO inside TLS with a multi-line 250 reply that never ends.</summary>
    TlsEndlessReply,
    /// <summary>
    /// Says 220 to STARTTLS, answers the ClientHello with a ServerHello, then sends handshake records
    /// full of HelloRequest messages without end: each is a complete handshake message that a
    /// client still negotiating skips, so the handshake neither ends nor fails.
    /// </summary>
    TlsEndlessHandshake,

    // ---- DNS (port 53, UDP and TCP), as a resolver or as a name server ----

    /// <summary>Every UDP answer is truncated (TC); over TCP the connection is accepted and never answered.</summary>
    DnsTcpHang,
    /// <summary>The answer's owner name is a compression pointer to itself.</summary>
    DnsPointerLoop,
    /// <summary>UDP answers are truncated; TCP answers fill 65 535 octets with records of the type asked.</summary>
    DnsHugeAnswer,
    /// <summary>Every answer carries another transaction id than the query's.</summary>
    DnsWrongId,
    /// <summary>Every name is a CNAME to a name that is a CNAME back.</summary>
    DnsCnameLoop,
    /// <summary>TXT answers are one record of 10 000 strings; other types have no data.</summary>
    DnsTxtBomb,
    /// <summary>Every answer is SERVFAIL.</summary>
    DnsServfail,

    // ---- HTTPS (port 443) ----

    /// <summary>Serves an MTA-STS policy of 100 MiB, chunked, without a Content-Length.</summary>
    HugePolicy,

    // ---- HTTP (port 80) ----

    /// <summary>Records every request in a file and answers with the issuer certificate the lab's AIA leaves name.</summary>
    AiaRecorder,

    // ---- RTR (RFC 8210) ----

    /// <summary>Answers a query with a PDU header of an impossible length, then random bytes.</summary>
    RtrGarbage,
    /// <summary>Answers a query with a Cache Response and then IPv4 Prefix PDUs without end, never End of Data.</summary>
    RtrFlood,
}
