# The synthetic TLD "synth." for the cluster tests and the benchmark: N domains with mail and DNS
# hosting spread the way published measurements of real TLDs show (lib/synth.awk; the shares and
# their sources are in docs/SCALING.md), and their servers.
#   - mail: 45 % of the domains on three big providers (10 addresses), 30 % on hosters (an
#     address per ~40 domains), 25 % self-hosted (1.5 domains per address): ~175 mail addresses
#     per 1 000 domains, each a listener of one second Postfix instance with STARTTLS. Most MX
#     names are unique (mx.<domain>, mail.<domain>) and point at shared addresses; some domains
#     use the provider's shared MX name. Some addresses have IPv6, some no STARTTLS.
#   - DNS: 60 % on five large DNS operators, 25 % on hosters, 15 % self-hosted: ~160 name server
#     addresses per 1 000 domains, all answered by the lab's Knot through LabServers' relay
#     (one process listening on every name server address).
#   - DNSSEC: every domain is a zone delegated from the signed TLD: ~60 % signed with a DS in
#     the TLD (secure), ~35 % unsigned (insecure), ~5 % unsigned with a DS that matches nothing
#     (bogus). Knot makes and keeps the keys of the signed zones itself (no keymgr per zone) and
#     publishes CDS; one `knotc zone-read` of every CDS gives the TLD its DS records, so 10 000
#     zones come up in seconds.
#   - SPF (-all, ~all, ?all, none), DMARC (reject, quarantine, none, none published) and DANE
#     (matching or mismatching TLSA on some secure unique MX names) in fixed proportions.
#   - far (--rtt/--tail of deploy/lab/cluster): the relay gives every packet to and from the name
#     servers and mail servers half the round trip each way, and gives the slowest self-hosted
#     addresses a late greeting, a tarpit or a 421 (--tail), and the strict ones greylisting or a
#     greeting 6-8 s late on every connection (--strict); the resolver stays near. Postfix then listens
#     on a second address per mail address (lib/synth.awk).
# Everything is derived from the domain's number, so two runs give the same TLD.
# shellcheck shell=bash

LAB_SYNTH=$LAB_STATE/synth
LAB_SYNTH_V6=$LAB_V6_NET:201
LAB_SYNTH_NS_V6=$LAB_V6_NET:203
LAB_SYNTH_RTT=${LAB_SYNTH_RTT:-0}
LAB_SYNTH_JITTER=${LAB_SYNTH_JITTER:-0}
LAB_SYNTH_TAIL=${LAB_SYNTH_TAIL:-0}
LAB_SYNTH_STRICT=${LAB_SYNTH_STRICT:-0}

# Whether the synthetic TLD sits behind the delay relay.
lab_synth_far() { [ "$LAB_SYNTH_RTT" != 0 ] || [ "$LAB_SYNTH_TAIL" != 0 ] || [ "$LAB_SYNTH_STRICT" != 0 ]; }

# Writes records, zones, the list of domains and the mail addresses for N domains.
lab_synth_generate() {
  local count=$1 tlsa
  rm -rf "$LAB_SYNTH/zones" "$LAB_SYNTH/records.zone"
  mkdir -p "$LAB_SYNTH/zones"
  tlsa=$(openssl x509 -in "$LAB_STATE/tls/mail.crt" -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1)
  local far=0
  lab_synth_far && far=1
  awk -v n="$count" -v v4="$LAB_V4_NET" -v v6="$LAB_SYNTH_V6" -v nsv6="$LAB_SYNTH_NS_V6" -v far="$far" -v tail="$LAB_SYNTH_TAIL" -v strict="$LAB_SYNTH_STRICT" \
    -v tlsa="$tlsa" -v dir="$LAB_SYNTH" -f "$LAB_DIR/lib/synth.awk"
}

# The policy of the signed synthetic zones: keys made by Knot, CDS published for the TLD's DS.
lab_synth_policy() {
  cat <<'POLICY'
  # synth policy begin
  - id: synth-auto
    algorithm: ecdsap256sha256
    single-type-signing: on
    cds-cdnskey-publish: always
    ksk-lifetime: 0
    zsk-lifetime: 0
  # synth policy end
POLICY
}

lab_synth_knot_zones() {
  local conf=$LAB_STATE/dns/knot.conf tld=$LAB_STATE/dns/zones/synth.zone
  sed -i '/^# synth zones begin/,$d; /# synth policy begin/,/# synth policy end/d' "$conf"
  sed -i "/^policy:/r /dev/stdin" "$conf" < <(lab_synth_policy)
  { echo "# synth zones begin"; cat "$LAB_SYNTH/knot-zones.conf"; } >>"$conf"
  sed -i '/^; synth records begin/,$d' "$tld"
  { echo "; synth records begin"; cat "$LAB_SYNTH/records.zone"; } >>"$tld"
  knotc -c "$conf" reload >/dev/null || lab_die "knot did not take the synthetic zones; see $LAB_STATE/dns/knot.log"
  local secure
  secure=$(grep -c 'synth-auto' "$LAB_SYNTH/knot-zones.conf" || true)
  lab_wait 1200 bash -c "[ \$(knotc -c $conf zone-read -- @ CDS 2>/dev/null | grep -c ' CDS ') -ge $secure ]" \
    || lab_die "knot did not sign the $secure signed synthetic zones; see $LAB_STATE/dns/knot.log"
  knotc -c "$conf" zone-read -- @ CDS | awk '$4 == "CDS" && $7 == 2 { print $2, "DS", $5, $6, $7, $8 }' >>"$tld"
  knotc -b -c "$conf" zone-reload synth. >/dev/null || lab_die "knot did not reload the synthetic TLD"
  # The new TLD is served once signed: wait for the last DS, and for the last domain's answer.
  local last last_ds
  last=$(tail -n1 "$LAB_SYNTH/domains.txt")
  last_ds=$(awk '$2 == "DS" { d = $1 } END { print d }' "$tld")
  lab_wait 600 bash -c "kdig +short +timeout=1 +retry=0 @$(lab_v4 ns1) $last_ds DS | grep -q ." \
    || lab_die "knot does not serve the DS of $last_ds; see $LAB_STATE/dns/knot.log"
  lab_wait 600 bash -c "kdig +short +timeout=1 +retry=0 @$(lab_v4 ns1) $last MX | grep -q ." \
    || lab_die "knot does not answer for $last; see $LAB_STATE/dns/knot.log"
  # What the resolver cached of an earlier synthetic TLD is stale now.
  for what in "flush_zone synth" "flush_bogus" "flush_negative" "flush_infra all"; do
    # shellcheck disable=SC2086
    unbound-control -c "$LAB_STATE/dns/unbound.conf" $what >/dev/null 2>&1 || true
  done
  # A validated answer through the resolver proves the chain root -> synth. -> domain.
  local example
  example=$(awk '/domain:/ { d = $3 } /synth-auto/ { gsub(/"/, "", d); sub(/\.$/, "", d); print d; exit }' "$LAB_SYNTH/knot-zones.conf")
  lab_wait 600 bash -c "kdig +dnssec +timeout=2 +retry=0 @$(lab_v4 resolver) $example MX | grep -qi 'flags:.* ad'" \
    || lab_die "the resolver does not validate the synthetic TLD; see $LAB_STATE/dns/unbound.log"
}

# The synthetic TLD's IPv6 addresses on lo, in one `ip -batch` (thousands of them).
lab_synth_addresses() {
  lab_synth_ip_batch replace | ip -6 -batch - 2>/dev/null || lab_die "cannot add the synthetic TLD's IPv6 addresses to lo"
}

lab_synth_remove_addresses() {
  [ -f "$LAB_SYNTH/mail-ips.txt" ] || return 0
  lab_synth_ip_batch del | ip -6 -force -batch - >/dev/null 2>&1
  return 0
}

lab_synth_ip_batch() {
  awk -v verb="$1" '$2 != "-" { print "addr " verb " " $2 "/128 dev lo" }' "$LAB_SYNTH/mail-ips.txt" "$LAB_SYNTH/ns-ips.txt" 2>/dev/null
}

# LabServers in front of the synthetic TLD: every name server address (UDP and TCP, IPv4 and
# IPv6) relays to the lab's Knot, near or far; when far, every mail address relays to Postfix's
# second address, with the tail. Thousands of sockets: the process gets the highest file limit allowed.
lab_synth_start_relay() {
  lab_synth_stop_relay
  local args=(--rtt "$LAB_SYNTH_RTT" --jitter "$LAB_SYNTH_JITTER") v4 v6 tls back tail knot i=0
  while read -r v4 v6; do
    knot=$(lab_v4 ns$((i % 2 + 1)))
    i=$((i + 1))
    args+=("relay=$v4:53>$knot:53,udp,tcp")
    [ "$v6" != "-" ] && args+=("relay=[$v6]:53>$knot:53,udp,tcp")
  done <"$LAB_SYNTH/ns-ips.txt"
  if lab_synth_far; then
    while read -r v4 v6 tls back tail; do
      tail=${tail/#-/}
      args+=("relay=$v4:25>$back:25${tail:+,$tail}")
      [ "$v6" != "-" ] && args+=("relay=[$v6]:25>$back:25${tail:+,$tail}")
    done <"$LAB_SYNTH/mail-ips.txt"
  fi
  lab_build_labservers "$LAB_SYNTH/relay-bin"
  (ulimit -n "$(ulimit -Hn)" 2>/dev/null || true; exec nohup dotnet "$LAB_SYNTH/relay-bin/LabServers.dll" "${args[@]}" >"$LAB_SYNTH/relay.log" 2>&1 </dev/null) &
  echo $! >"$LAB_SYNTH/relay.pid"
  # Every listener, not just the first: the last name server and, when far, the last mail address.
  local last
  last=$(tail -n1 "$LAB_SYNTH/ns-ips.txt" | cut -d' ' -f1):53
  lab_synth_far && last=$(tail -n1 "$LAB_SYNTH/mail-ips.txt" | cut -d' ' -f1):25
  lab_wait 300 bash -c "exec 3<>/dev/tcp/${last%:*}/${last##*:}" || lab_die "the synthetic TLD's relay does not listen on $last; see $LAB_SYNTH/relay.log"
}

lab_synth_stop_relay() { lab_stop_pidfile "$LAB_SYNTH/relay.pid"; }

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
# On a loaded machine postlogd can wait longer than its 10 s watchdog for one request; killed, it
# leaves its socket full, and the master and every smtpd then block writing a log line.
postlogd_watchdog_timeout = 1h
# Thousands of listeners: an idle smtpd goes soon rather than one per address staying for 100 s.
max_idle = 10s
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
    local v4 v6 tls back tail options
    while read -r v4 v6 tls back tail; do
      options="-o syslog_name=synth-$v4"
      [ "$tls" = no ] && options="$options -o smtpd_tls_security_level=none"
      if [ "$back" != "-" ]; then
        # Behind the relay: one listener on the second address serves both of the front's.
        echo "$back:25 inet n - n - - smtpd $options"
        continue
      fi
      echo "$v4:25 inet n - n - - smtpd $options"
      [ "$v6" != "-" ] && echo "[$v6]:25 inet n - n - - smtpd -o syslog_name=synth-$v6${options#-o syslog_name=synth-"$v4"}"
    done <"$LAB_SYNTH/mail-ips.txt"
    sed -n '/^pickup/,$p' "$LAB_STATE/smtp/conf/master.cf" | grep -v '^[0-9\[]'
  } >"$dir/conf/master.cf"
  postfix -c "$dir/conf" start >/dev/null 2>&1 || lab_die "the synthetic Postfix did not start; see $dir/maillog"
  local first
  first=$(head -n1 "$LAB_SYNTH/mail-ips.txt" | awk '{ print $4 == "-" ? $1 : $4 }')
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
