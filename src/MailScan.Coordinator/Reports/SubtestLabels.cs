namespace MailScan.Coordinator.Reports;

/// <summary>
/// The report's sections and readable labels of every sub-test, in report order. Section names
/// and labels are Internet.nl's (so a report can be read beside theirs); our own sub-tests come
/// last under <see cref="Beyond"/>.
/// </summary>
public static class SubtestLabels
{
    public const string Beyond = "Beyond Internet.nl";

    private static readonly (string Id, string Section, string Label)[] Table =
    [
        ("mail_ipv6_ns_address", "Name servers of domain", "IPv6 addresses for name servers"),
        ("mail_ipv6_ns_reach", "Name servers of domain", "IPv6 reachability of name servers"),
        ("mail_ipv6_mx_address", "Mail server(s)", "IPv6 addresses for mail server(s)"),
        ("mail_ipv6_mx_reach", "Mail server(s)", "IPv6 reachability of mail server(s)"),
        ("mail_dnssec_mailto_exist", "Email address domain", "DNSSEC existence"),
        ("mail_dnssec_mailto_valid", "Email address domain", "DNSSEC validity"),
        ("mail_dnssec_mx_exist", "Mail server domain(s)", "DNSSEC existence"),
        ("mail_dnssec_mx_valid", "Mail server domain(s)", "DNSSEC validity"),
        ("mail_auth_dmarc_exist", "DMARC", "DMARC existence"),
        ("mail_auth_dmarc_policy", "DMARC", "DMARC policy"),
        ("mail_auth_dmarc_ext_destination", "DMARC", "Authorisation of external report destinations"),
        ("mail_auth_dkim_exist", "DKIM", "DKIM existence"),
        ("mail_auth_spf_exist", "SPF", "SPF existence"),
        ("mail_auth_spf_policy", "SPF", "SPF policy"),
        ("mail_starttls_tls_available", "TLS", "STARTTLS available"),
        ("mail_starttls_tls_version", "TLS", "TLS version"),
        ("mail_starttls_tls_ciphers", "TLS", "Cipher suites"),
        ("mail_starttls_tls_cipherorder", "TLS", "Cipher suite order"),
        ("mail_starttls_tls_keyexchange", "TLS", "Parameters for key exchange"),
        ("mail_starttls_tls_keyexchangehash", "TLS", "Hash function for key exchange"),
        ("mail_starttls_tls_compress", "TLS", "TLS compression"),
        ("mail_starttls_tls_secreneg", "TLS", "Secure renegotiation"),
        ("mail_starttls_tls_clientreneg", "TLS", "Client-initiated renegotiation"),
        ("mail_starttls_tls_extendedmastersecret", "TLS", "Extended Master Secret (EMS)"),
        ("mail_starttls_tls_0rtt", "TLS", "0-RTT"),
        ("mail_starttls_cert_chain", "Certificate", "Trust chain of certificate"),
        ("mail_starttls_cert_pubkey", "Certificate", "Public key of certificate"),
        ("mail_starttls_cert_sig", "Certificate", "Signature on certificate"),
        ("mail_starttls_cert_domain", "Certificate", "Domain name on certificate"),
        ("mail_starttls_tls_caa", "Certificate", "CAA for mail server"),
        ("mail_starttls_dane_exist", "DANE", "DANE existence"),
        ("mail_starttls_dane_valid", "DANE", "DANE validity"),
        ("mail_starttls_dane_rollover", "DANE", "DANE rollover scheme"),
        ("mail_rpki_exists", "Mail server(s)", "Route Origin Authorisation existence"),
        ("mail_rpki_valid", "Mail server(s)", "Route announcement validity"),
        ("mail_ns_rpki_exists", "Name servers of domain", "Route Origin Authorisation existence"),
        ("mail_ns_rpki_valid", "Name servers of domain", "Route announcement validity"),
        ("mail_mx_ns_rpki_exists", "Name servers of mail server(s)", "Route Origin Authorisation existence"),
        ("mail_mx_ns_rpki_valid", "Name servers of mail server(s)", "Route announcement validity"),
        ("mailscan_dnssec_reason", Beyond, "Where a chain of trust breaks"),
        ("mailscan_mta_sts", Beyond, "MTA-STS policy"),
        ("mailscan_tls_rpt", Beyond, "TLS reporting (TLS-RPT)"),
    ];

    private static readonly Dictionary<string, (int Order, SubtestLabel Label)> ById =
        Table.Select((row, i) => (row.Id, Value: (i, new SubtestLabel(row.Section, row.Label))))
             .ToDictionary(x => x.Id, x => x.Value, StringComparer.Ordinal);

    /// <summary>The label of a sub-test; an id we do not know (a newer report) keeps its id as label.</summary>
    public static SubtestLabel Of(string id) =>
        ById.TryGetValue(id, out var known) ? known.Label : new SubtestLabel(Beyond, id);

    /// <summary>The sub-tests of a category grouped by section: sections in order of their first sub-test, sub-tests in report order.</summary>
    public static IReadOnlyList<(string Section, IReadOnlyList<T> Tests)> Group<T>(IEnumerable<T> tests, Func<T, string> id) =>
        tests.Select((test, i) => (Test: test, Order: ById.TryGetValue(id(test), out var known) ? known.Order : Table.Length + i))
             .OrderBy(x => x.Order)
             .GroupBy(x => Of(id(x.Test)).Section)
             .Select(g => (g.Key, (IReadOnlyList<T>)g.Select(x => x.Test).ToList()))
             .ToList();
}
