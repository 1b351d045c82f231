# The synthetic TLD "synth." for the cluster tests and the benchmark: N domains with mail hosting
# shared the way the internet shares it, and their mail servers (a second Postfix instance).
#
#   - providers: three big ones hold ~65 % of the domains on 2-4 addresses each; five small
#     hosters ~25 % on one address each; the rest are "self-hosted" on a pool of 32 addresses.
#     Most MX names are unique (mx.<domain>) and point at the provider's shared addresses; some
#     domains use the provider's shared MX name instead. Some addresses have IPv6, some no STARTTLS.
#   - DNSSEC: ~60 % are names in the signed TLD zone (secure), ~35 % delegated to unsigned zones
#     (insecure), ~5 % delegated with a DS that matches no key (bogus). One signed zone with many
#     names keeps Knot quick for 10 000+ domains; the delegated zones are small and unsigned.
#   - SPF (-all, ~all, ?all, none), DMARC (reject, quarantine, none, none published) and DANE
#     (matching or mismatching TLSA on some secure unique MX names) in fixed proportions.
# Everything is derived from the domain's number, so two runs give the same TLD.
# shellcheck shell=bash

LAB_SYNTH=$LAB_STATE/synth
LAB_SYNTH_V6=$LAB_V6_NET:201

# Writes records, zones, the list of domains and the mail addresses for N domains.
lab_synth_generate() {
  local count=$1 tlsa
  rm -rf "$LAB_SYNTH/zones" "$LAB_SYNTH/records.zone"
  mkdir -p "$LAB_SYNTH/zones"
  tlsa=$(openssl x509 -in "$LAB_STATE/tls/mail.crt" -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1)
  awk -v n="$count" -v v4="$LAB_V4_NET" -v v6="$LAB_SYNTH_V6" -v tlsa="$tlsa" -v dir="$LAB_SYNTH" -f "$LAB_DIR/lib/synth.awk"
}

lab_synth_knot_zones() {
  local conf=$LAB_STATE/dns/knot.conf
  sed -i '/^# synth zones begin/,$d' "$conf"
  { echo "# synth zones begin"; cat "$LAB_SYNTH/knot-zones.conf"; } >>"$conf"
  sed -i '/^; synth records begin/,$d' "$LAB_STATE/dns/zones/synth.zone"
  { echo "; synth records begin"; cat "$LAB_SYNTH/records.zone"; } >>"$LAB_STATE/dns/zones/synth.zone"
  knotc -c "$conf" reload >/dev/null || lab_die "knot did not take the synthetic zones; see $LAB_STATE/dns/knot.log"
  knotc -c "$conf" zone-reload synth. >/dev/null 2>&1 || true
  local last
  last=$(tail -n1 "$LAB_SYNTH/domains.txt")
  lab_wait 600 bash -c "kdig +short +timeout=1 +retry=0 @$(lab_v4 ns1) $last MX | grep -q ." \
    || lab_die "knot does not answer for $last; see $LAB_STATE/dns/knot.log"
  # The signed TLD is served once it is signed anew; a validated answer through the resolver proves it.
  local secure
  secure=$(awk '$2 == "MX" { print $1; exit }' "$LAB_SYNTH/records.zone")
  lab_wait 600 bash -c "kdig +dnssec +timeout=2 +retry=0 @$(lab_v4 resolver) $secure MX | grep -qi 'flags:.* ad'" \
    || lab_die "the resolver does not validate the synthetic TLD; see $LAB_STATE/dns/unbound.log"
}

lab_synth_addresses() {
  local v4 v6 tls
  while read -r v4 v6 tls; do
    [ "$v6" != "-" ] && ip -6 addr replace "$v6/128" dev lo
  done <"$LAB_SYNTH/mail-ips.txt"
  return 0
}

lab_synth_remove_addresses() {
  [ -f "$LAB_SYNTH/mail-ips.txt" ] || return 0
  local v4 v6 tls
  while read -r v4 v6 tls; do
    [ "$v6" != "-" ] && ip -6 addr del "$v6/128" dev lo 2>/dev/null
  done <"$LAB_SYNTH/mail-ips.txt"
  return 0
}

# A second Postfix: one smtpd listener per synthetic mail address, each logging under its own
# name (synth-<address>), so a test can count the connections every address received.
lab_synth_start_smtp() {
  local dir=$LAB_SYNTH/postfix
  lab_synth_stop_smtp
  mkdir -p "$dir/conf" "$dir/spool" "$dir/data"
  chown postfix:postfix "$dir/data"
  cat >"$dir/conf/main.cf" <<CONF
compatibility_level = 3.6
config_directory = $dir/conf
queue_directory = $dir/spool
data_directory = $dir/data
syslog_name = mailscan-synth-$LAB_INSTANCE
maillog_file = $dir/maillog
maillog_file_prefixes = $LAB_STATE
myhostname = mx.synth
mydestination =
inet_interfaces = all
inet_protocols = all
alias_maps =
alias_database =
smtpd_banner = \$myhostname ESMTP MailScan synthetic TLD
default_transport = error:outbound mail disabled in the lab
smtpd_tls_security_level = may
smtpd_tls_chain_files = $LAB_STATE/tls/mail.key, $LAB_STATE/tls/mail.chain.crt
smtpd_tls_loglevel = 1
CONF
  {
    local v4 v6 tls options
    while read -r v4 v6 tls; do
      options="-o syslog_name=synth-$v4"
      [ "$tls" = no ] && options="$options -o smtpd_tls_security_level=none"
      echo "$v4:25 inet n - n - - smtpd $options"
      [ "$v6" != "-" ] && echo "[$v6]:25 inet n - n - - smtpd -o syslog_name=synth-$v6${options#-o syslog_name=synth-"$v4"}"
    done <"$LAB_SYNTH/mail-ips.txt"
    sed -n '/^pickup/,$p' "$LAB_STATE/smtp/conf/master.cf" | grep -v '^[0-9\[]'
  } >"$dir/conf/master.cf"
  postfix -c "$dir/conf" start >/dev/null 2>&1 || lab_die "the synthetic Postfix did not start; see $dir/maillog"
  local first
  first=$(head -n1 "$LAB_SYNTH/mail-ips.txt" | cut -d' ' -f1)
  lab_wait 100 lab_smtp_greets "$first" || lab_die "the synthetic Postfix does not greet on $first:25; see $dir/maillog"
}

lab_synth_stop_smtp() {
  local dir=$LAB_SYNTH/postfix
  [ -f "$dir/conf/main.cf" ] || return 0
  local pidfile=$dir/spool/pid/master.pid pid=
  [ -f "$pidfile" ] && pid=$(tr -d ' ' <"$pidfile")
  postfix -c "$dir/conf" stop >/dev/null 2>&1 || true
  [ -n "$pid" ] && lab_wait 50 bash -c "! kill -0 $pid 2>/dev/null"
  return 0
}
