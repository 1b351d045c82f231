using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Tls.Enumeration;

namespace MailScan.Checks.StartTls;

/// <summary>
/// What the STARTTLS evaluation of one mail server address found: the SMTP session, the TLS
/// session of a standard client, the presented chain and its trust, and the raw-hello enumeration.
/// Keyed by address: every MX name and domain on the address reuses it; <see cref="ServerName"/>
/// is the name sent as SNI by the first asker.
/// </summary>
public sealed record StartTlsEvidence(
    string Address,
    int Port,
    string? ServerName,
    DateTimeOffset MeasuredAt,
    SmtpConnectState State,
    int? GreetingCode,
    string? Greeting,
    bool StartTlsOffered,
    StartTlsHandshake? Handshake,
    IReadOnlyList<string> Chain,
    string? ChainSource,
    ChainTrust? Trust,
    TlsEvaluation? Tls,
    int Connections,
    double TotalMilliseconds,
    string? Error = null)
{
    // Chain stays a positional member: declared again here it would move in the evidence's JSON, and in every report.
    private readonly ParsedOnce _facts = new();

    /// <summary>The facts of each presented certificate (null where one does not parse), parsed once per evidence, so once per host.</summary>
    public IReadOnlyList<CertificateFacts?> ChainFacts()
    {
        var chain = Chain;
        return _facts.Get<IReadOnlyList<CertificateFacts?>>(() => chain.Select(c => CertificateFacts.Of(Convert.FromBase64String(c))).ToList(), chain)!;
    }

    /// <summary>Connections the server put off (a 4xx greeting, a refused or silent connect after a greeting), each waited out.</summary>
    public int PutOffs { get; init; }

    /// <summary>Why the evaluation stopped opening connections before it was done (its time allowance ran out); null when it finished.</summary>
    public string? StoppedBecause { get; init; }

    /// <summary>For a strict server (put-offs, a slow greeting, a long spacing): what made it strict and how long its evaluation took; null otherwise.</summary>
    public StrictServerNote? StrictNote { get; init; }

    /// <summary>The server could be measured: it greeted with 220 and answered EHLO.</summary>
    public bool Reached => State == SmtpConnectState.Greeted;

    /// <summary>STARTTLS led to a TLS session: a standard client's handshake, or a server flight to a raw hello.</summary>
    public bool TlsEstablished => Handshake?.Established == true || Tls?.AnyHandshake == true;
}
