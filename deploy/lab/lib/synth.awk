# The synthetic TLD's content (see synth.sh): the records of the signed TLD zone (delegations,
# provider hosts, name servers), one zone per domain with its knot.conf entry, the domain list,
# the mail addresses (mail-ips.txt) and the name server addresses (ns-ips.txt).
#
# The hosting mix (docs/SCALING.md, "The synthetic TLD's hosting mix", gives the sources):
#   mail   25 % on big1 (4 addresses), 12 % on big2 (4), 8 % on big3 (2); 30 % on hosters with
#          one address per ~40 of their domains; 25 % self-hosted, 1.5 domains per address.
#   DNS    60 % on five large DNS operators (two name servers each); 25 % on hosters (a pair per
#          ~50 domains); 15 % self-hosted (a pair per two domains).
# Pools stop growing at 3 000 self-hosted mail addresses and 1 200 name server pairs, so a
# 100 000-domain TLD still comes up in minutes (its tail is then reused more than a real one).
#
# Addresses (instance net v4 = 127.(100+I)): mail k at .120-.139 (behind the relay: Postfix at
# .140-.159), name server k at .160-.169 (the relay, which forwards to the lab's Knot); IPv6
# mail at v6::k, name servers at nsv6::k.
function at(base, k) { k--; return v4 "." (base + int(k / 250)) "." (k % 250 + 1) }
function hosts(owner, ks,    parts, count, j) {
  count = split(ks, parts, " ")
  for (j = 1; j <= count; j++) {
    out = out owner " A " at(120, parts[j]) "\n"
    if (has6[parts[j]]) out = out owner " AAAA " v6 "::" parts[j] "\n"
  }
}
function nshost(owner, k) {
  glue = glue owner " A " at(160, k) "\n"
  if (nshas6[k]) glue = glue owner " AAAA " nsv6 "::" k "\n"
}
function mailkind(i) { h = (i * 37 + 11) % 100; return h < 25 ? "big1" : h < 37 ? "big2" : h < 45 ? "big3" : h < 75 ? "hoster" : "self" }
function dnskind(i) { g = (i * 43 + 29) % 100; return g < 60 ? "big" : g < 85 ? "hoster" : "self" }
BEGIN {
  # First pass: how many domains each pool serves, so the pools fit the TLD's size.
  for (i = 1; i <= n; i++) { selfmail += mailkind(i) == "self"; selfdns += dnskind(i) == "self" }
  hosters = int(n * 0.30 / 40 + 0.5); if (hosters < 5) hosters = 5; if (hosters > 1000) hosters = 1000
  own = int((selfmail * 2 + 2) / 3); if (own < 1) own = 1; if (own > 3000) own = 3000
  total = 10 + hosters + own
  dnshosters = int(n * 0.25 / 50 + 0.5); if (dnshosters < 3) dnshosters = 3; if (dnshosters > 200) dnshosters = 200
  dnsown = int((selfdns + 1) / 2); if (dnsown < 1) dnsown = 1; if (dnsown > 1000) dnsown = 1000
  nstotal = 2 * (5 + dnshosters + dnsown)

  # Mail addresses 1-10: the big three (big1 1-4, big2 5-8, big3 9-10); then the hosters; then the self-hosted.
  for (k = 1; k <= total; k++) {
    tls[k] = "yes"; slow[k] = "-"
    if (k <= 8) has6[k] = 1
    else if (k <= 10) has6[k] = 0
    else if (k <= 10 + hosters) { has6[k] = k % 2; if (k % 10 == 3) tls[k] = "no" }
    else { has6[k] = k % 3 == 0; if (k % 5 == 2) tls[k] = "no" }
  }
  for (k = 1; k <= nstotal; k++) nshas6[k] = k <= 10 ? 1 : (k <= 10 + 2 * dnshosters ? int((k - 11) / 2) % 2 == 0 : int((k - 11) / 2) % 3 == 0)
  # The slow tail (tail % of the mail addresses, all self-hosted): half greet 2-20 s late, a quarter tarpit, a quarter answer 421.
  slowcount = int(total * tail / 100 + 0.5)
  for (j = 0; j < slowcount && j < own; j++) {
    k = total - j
    slow[k] = (j % 4 == 1) ? "tarpit" : (j % 4 == 3) ? "reject421" : "slow=" (2 + (k * 7) % 19)
  }
  # The strict servers (strict % of the mail addresses, self-hosted, from the start of that pool
  # while the tail takes its end): greylisting that clears 20 s after a client's first
  # connection, or a greeting 6-8 s late on every connection.
  strictcount = int(total * strict / 100 + 0.5)
  for (j = 0; j < strictcount && j < own - slowcount; j++)
    slow[11 + hosters + j] = (j % 2 == 0) ? "greylist=20" : "slow=" (6 + j % 3)
  ips = dir "/mail-ips.txt"; printf "" > ips
  for (k = 1; k <= total; k++) print at(120, k), (has6[k] ? v6 "::" k : "-"), tls[k], (far ? at(140, k) : "-"), slow[k] > ips
  nsips = dir "/ns-ips.txt"; printf "" > nsips
  for (k = 1; k <= nstotal; k++) print at(160, k), (nshas6[k] ? nsv6 "::" k : "-") > nsips

  records = dir "/records.zone"; conf = dir "/knot-zones.conf"; list = dir "/domains.txt"
  printf "" > conf; printf "" > list
  out = ""; glue = ""
  hosts("mx.big1.synth.", "1 2 3 4"); hosts("mx.big2.synth.", "5 6 7 8"); hosts("mx.big3.synth.", "9 10")
  for (j = 1; j <= hosters; j++) hosts("mx.h" j ".synth.", 10 + j)
  for (j = 0; j < 5; j++) { nshost("ns1.dns" j ".synth.", 2 * j + 1); nshost("ns2.dns" j ".synth.", 2 * j + 2) }
  for (j = 0; j < dnshosters; j++) { nshost("ns1.hdns" j ".synth.", 11 + 2 * j); nshost("ns2.hdns" j ".synth.", 12 + 2 * j) }
  for (j = 0; j < dnsown; j++) { nshost("ns1.sdns" j ".synth.", 11 + 2 * dnshosters + 2 * j); nshost("ns2.sdns" j ".synth.", 12 + 2 * dnshosters + 2 * j) }
  printf "%s%s", out, glue > records

  selfseen = 0; dnsseen = 0; hosterseen = 0; dnshosterseen = 0
  for (i = 1; i <= n; i++) {
    name = sprintf("d%06d.synth.", i)
    kind = mailkind(i); mx = ""
    if (kind == "big1")        { k = 1 + i % 4; if (i % 4 != 0) mx = "mx.big1.synth." }
    else if (kind == "big2")   { k = 5 + i % 4; if (i % 5 == 0) mx = "mx.big2.synth." }
    else if (kind == "big3")   { k = 9 + i % 2; if (i % 3 == 0) mx = "mx.big3.synth." }
    else if (kind == "hoster") { j = 1 + hosterseen++ % hosters; k = 10 + j; if (i % 2 == 0) mx = "mx.h" j ".synth." }
    else                       { k = 11 + hosters + int(selfseen * 2 / 3) % own; selfseen++ }
    ownmx = (mx == "")
    if (ownmx) mx = (kind == "self" ? "mail." : "mx.") name

    dk = dnskind(i)
    if (dk == "big") ns = "dns" (i % 5)
    else if (dk == "hoster") ns = "hdns" (dnshosterseen++ % dnshosters)
    else { ns = "sdns" (int(dnsseen / 2) % dnsown); dnsseen++ }
    ns1 = "ns1." ns ".synth."; ns2 = "ns2." ns ".synth."

    d = (i * 53 + 7) % 100
    sec = d < 60 ? "secure" : (d < 95 ? "insecure" : "bogus")
    out = ""
    out = out name " MX 10 " mx "\n"
    if (ownmx) hosts(mx, k)
    s = (i * 29 + 3) % 100
    if (s < 70) out = out name " TXT \"v=spf1 mx -all\"\n"
    else if (s < 80) out = out name " TXT \"v=spf1 mx ~all\"\n"
    else if (s < 85) out = out name " TXT \"v=spf1 mx ?all\"\n"
    m = (i * 61 + 5) % 100
    if (m < 50) p = "reject"; else if (m < 65) p = "quarantine"; else if (m < 80) p = "none"; else p = ""
    if (p != "") out = out "_dmarc." name " TXT \"v=DMARC1; p=" p "; rua=mailto:dmarc@" substr(name, 1, length(name) - 1) "\"\n"
    t = (i * 17 + 1) % 100
    if (ownmx && sec == "secure" && t < 23)
      out = out "_25._tcp." mx " TLSA 3 1 1 " (t < 20 ? tlsa : "00" substr(tlsa, 3)) "\n"

    zone = dir "/zones/" name "zone"
    printf "$TTL 300\n@ SOA %s hostmaster.lab.test. 1 1800 900 604800 300\n@ NS %s\n@ NS %s\n$ORIGIN %s\n%s", ns1, ns1, ns2, name, out > zone
    close(zone)
    printf "%s NS %s\n%s NS %s\n", name, ns1, name, ns2 >> records
    # Bogus: a DS in the TLD that matches no key of the (unsigned) child.
    if (sec == "bogus") printf "%s DS %d 13 2 %064d\n", name, 10000 + i % 50000, i >> records
    printf "  - domain: \"%s\"\n    file: \"%s\"\n", name, zone >> conf
    # Secure: Knot makes the key and signs; its CDS becomes the DS in the TLD (synth.sh).
    if (sec == "secure") printf "    dnssec-signing: on\n    dnssec-policy: synth-auto\n" >> conf
    print substr(name, 1, length(name) - 1) >> list
  }
}
