# The synthetic TLD's content (see synth.sh): the records of the signed TLD zone (delegations,
# provider hosts), one zone per domain with its knot.conf entry, the domain list and the mail
# addresses.
function addr4(k) { return k <= 15 ? v4 ".201." k : v4 ".202." (k - 15) }
function addr6(k) { return has6[k] ? v6 "::" k : "" }
function hosts(owner, ks,    parts, count, j) {
  count = split(ks, parts, " ")
  for (j = 1; j <= count; j++) {
    out = out owner " A " addr4(parts[j]) "\n"
    if (has6[parts[j]]) out = out owner " AAAA " addr6(parts[j]) "\n"
  }
}
# Behind the delay relay (far = 1) Postfix listens on a second address per mail address, and the
# domains' name servers are the relay's (ns1/ns2.far.synth), which forward to the lab's Knot.
function back4(k) { return k <= 15 ? v4 ".211." k : v4 ".212." (k - 15) }
BEGIN {
  # Addresses 1-15: providers (big1 1-4, big2 5-8, big3 9-10, small hosters 11-15); 16-47: self-hosted.
  for (k = 1; k <= 47; k++) { has6[k] = 0; tls[k] = "yes"; slow[k] = "-" }
  has6[1] = has6[2] = has6[5] = has6[6] = has6[7] = has6[8] = has6[11] = has6[12] = 1
  tls[14] = tls[15] = "no"
  for (k = 16; k <= 47; k++) { if ((k - 15) % 2 == 1) has6[k] = 1; if ((k - 15) % 4 == 0) tls[k] = "no" }
  # The slow tail (tail % of the addresses, all self-hosted): half greet 2-20 s late, a quarter tarpit, a quarter answer 421.
  slowcount = int(47 * tail / 100 + 0.5)
  for (j = 0; j < slowcount && j < 32; j++) {
    k = 47 - j
    slow[k] = (j % 4 == 1) ? "tarpit" : (j % 4 == 3) ? "reject421" : "slow=" (2 + (k * 7) % 19)
  }
  # The strict servers (strict % of the addresses, self-hosted from the other end): greylisting
  # that clears 20 s after a client's first connection, or a greeting 6-8 s late on every connection.
  strictcount = int(47 * strict / 100 + 0.5)
  for (j = 0; j < strictcount && 16 + j < 48 - slowcount; j++)
    slow[16 + j] = (j % 2 == 0) ? "greylist=20" : "slow=" (6 + j % 3)
  ips = dir "/mail-ips.txt"; printf "" > ips
  for (k = 1; k <= 47; k++) print addr4(k), (has6[k] ? addr6(k) : "-"), tls[k], (far ? back4(k) : "-"), slow[k] > ips
  ns = far ? "ns%d.far.synth." : "ns%d.dns.test."

  records = dir "/records.zone"; conf = dir "/knot-zones.conf"; list = dir "/domains.txt"
  printf "" > conf; printf "" > list
  out = ""
  if (far) out = "ns1.far.synth. A " v4 ".203.1\nns1.far.synth. AAAA " nsv6 "::1\nns2.far.synth. A " v4 ".203.2\nns2.far.synth. AAAA " nsv6 "::2\n"
  hosts("mx.big1.synth.", "1 2 3 4"); hosts("mx.big2.synth.", "5 6 7 8"); hosts("mx.big3.synth.", "9 10")
  for (s = 0; s < 5; s++) hosts("mx.small" s ".synth.", 11 + s)
  printf "%s", out > records

  for (i = 1; i <= n; i++) {
    name = sprintf("d%06d.synth.", i)
    h = (i * 37 + 11) % 100
    if (h < 35)      { k = 1 + i % 4;  mx = (i % 4 == 0) ? "mx.big1.synth." : "" }
    else if (h < 55) { k = 5 + i % 4;  mx = (i % 5 == 0) ? "mx.big2.synth." : "" }
    else if (h < 65) { k = 9 + i % 2;  mx = (i % 3 == 0) ? "mx.big3.synth." : "" }
    else if (h < 90) { k = 11 + i % 5; mx = (i % 2 == 0) ? "mx.small" (i % 5) ".synth." : "" }
    else             { k = 16 + i % 32; mx = "" }
    own = (mx == "")
    if (own) mx = (k >= 16 ? "mail." : "mx.") name

    d = (i * 53 + 7) % 100
    kind = d < 60 ? "secure" : (d < 95 ? "insecure" : "bogus")
    out = ""
    out = out name " MX 10 " mx "\n"
    if (own) hosts(mx, k)
    s = (i * 29 + 3) % 100
    if (s < 70) out = out name " TXT \"v=spf1 mx -all\"\n"
    else if (s < 80) out = out name " TXT \"v=spf1 mx ~all\"\n"
    else if (s < 85) out = out name " TXT \"v=spf1 mx ?all\"\n"
    m = (i * 61 + 5) % 100
    if (m < 50) p = "reject"; else if (m < 65) p = "quarantine"; else if (m < 80) p = "none"; else p = ""
    if (p != "") out = out "_dmarc." name " TXT \"v=DMARC1; p=" p "; rua=mailto:dmarc@" substr(name, 1, length(name) - 1) "\"\n"
    t = (i * 17 + 1) % 100
    if (own && kind == "secure" && t < 23)
      out = out "_25._tcp." mx " TLSA 3 1 1 " (t < 20 ? tlsa : "00" substr(tlsa, 3)) "\n"

    zone = dir "/zones/" name "zone"
    ns1 = sprintf(ns, 1); ns2 = sprintf(ns, 2)
    printf "$TTL 300\n@ SOA %s hostmaster.lab.test. 1 1800 900 604800 300\n@ NS %s\n@ NS %s\n$ORIGIN %s\n%s", ns1, ns1, ns2, name, out > zone
    close(zone)
    printf "%s NS %s\n%s NS %s\n", name, ns1, name, ns2 >> records
    # Bogus: a DS in the TLD that matches no key of the (unsigned) child.
    if (kind == "bogus") printf "%s DS %d 13 2 %064d\n", name, 10000 + i % 50000, i >> records
    printf "  - domain: \"%s\"\n    file: \"%s\"\n", name, zone >> conf
    # Secure: Knot makes the key and signs; its CDS becomes the DS in the TLD (synth.sh).
    if (kind == "secure") printf "    dnssec-signing: on\n    dnssec-policy: synth-auto\n" >> conf
    print substr(name, 1, length(name) - 1) >> list
  }
}
