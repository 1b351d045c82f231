# The lab's DNS: Knot serves a private signed root, the lab TLD "test." and the lab domains on
# port 53 of lab addresses; Unbound resolves from that root for the scanner.
# shellcheck shell=bash

LAB_DNS=$LAB_STATE/dns

# Zone name of a template file: zones/root.zone.in -> ".", zones/x.test.zone.in -> "x.test."
lab_zone_of() {
  local base
  base=$(basename "$1" .zone.in)
  [ "$base" = root ] && echo "." || echo "$base."
}

lab_zone_file() { [ "$1" = "." ] && echo "$LAB_DNS/zones/root.zone" || echo "$LAB_DNS/zones/${1%.}.zone"; }

lab_parent_of() { # "a.b.test." -> "b.test.", "test." -> "."
  local rest=${1#*.}
  [ -z "$rest" ] && echo "." || echo "$rest"
}

# The signing policy a template asks for with ";! signing: POLICY" (default p256; "none" = unsigned).
lab_signing_of() {
  local policy
  policy=$(sed -n 's/^;! *signing: *\([a-z0-9-]*\).*/\1/p' "$1" | head -n1)
  echo "${policy:-p256}"
}

lab_zone_templates() { ls "$LAB_DIR"/zones/*.zone.in; }

lab_write_knot_conf() {
  local listen=() name role v4 v6
  while read -r name role v4 v6; do
    [ "$v4" != "-" ] && listen+=("$LAB_V4_NET.$v4@53")
    [ "$role" = dns ] && [ "$v6" != "-" ] && listen+=("$LAB_V6_NET:$v6@53")
  done < <(lab_hosts_with_role dns dns-v4only)
  local joined
  joined=$(IFS=,; echo "${listen[*]}" | sed 's/,/, /g')
  cat >"$LAB_DNS/knot.conf" <<CONF
server:
    rundir: "$LAB_DNS/run"
    pidfile: "$LAB_DNS/run/knot.pid"
    user: root:root
    listen: [ $joined ]
database:
    storage: "$LAB_DNS/db"
log:
  - target: "$LAB_DNS/knot.log"
    any: info
policy:
  - id: p256
    algorithm: ecdsap256sha256
    manual: on
    single-type-signing: on
    dnskey-ttl: 300
    zone-max-ttl: 3600
    rrsig-lifetime: 30d
    rrsig-refresh: 7d
  - id: p384
    algorithm: ecdsap384sha384
    manual: on
    single-type-signing: on
  - id: rsa
    algorithm: rsasha256
    ksk-size: 2048
    zsk-size: 2048
    manual: on
    single-type-signing: on
  - id: ed25519
    algorithm: ed25519
    manual: on
    single-type-signing: on
  - id: nsec3
    algorithm: ecdsap256sha256
    manual: on
    single-type-signing: on
    nsec3: on
    nsec3-iterations: 0
    nsec3-salt-length: 0
  - id: nsec3-optout
    algorithm: ecdsap256sha256
    manual: on
    single-type-signing: on
    nsec3: on
    nsec3-opt-out: on
    nsec3-iterations: 0
    nsec3-salt-length: 0
template:
  - id: default
    storage: "$LAB_DNS/zones"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
CONF
  local template zone policy
  for template in $(lab_zone_templates); do
    zone=$(lab_zone_of "$template")
    policy=$(lab_signing_of "$template")
    printf '  - domain: "%s"\n    file: "%s"\n' "$zone" "$(lab_zone_file "$zone")" >>"$LAB_DNS/knot.conf"
    case $policy in
      none | presigned*) ;;
      *) printf '    dnssec-signing: on\n    dnssec-policy: %s\n' "$policy" >>"$LAB_DNS/knot.conf" ;;
    esac
  done
}

lab_algorithm_of_policy() {
  case $1 in
    p384) echo ecdsap384sha384 ;;
    rsa) echo rsasha256 ;;
    ed25519) echo ed25519 ;;
    *) echo ecdsap256sha256 ;;
  esac
}

# Renders every template with the lab's addresses and makes keys for the signed zones.
lab_render_zones() {
  local sed_script=$LAB_DNS/addresses.sed template zone policy
  lab_address_sed >"$sed_script"
  for template in $(lab_zone_templates); do
    zone=$(lab_zone_of "$template")
    sed -f "$sed_script" "$template" | grep -v '^;!' >"$(lab_zone_file "$zone")"
    if grep -q '@@' "$(lab_zone_file "$zone")"; then
      lab_die "$(basename "$template"): unknown placeholder $(grep -o '@@[^@]*@@' "$(lab_zone_file "$zone")" | head -n1)"
    fi
    policy=$(lab_signing_of "$template")
    case $policy in
      none | presigned*) ;;
      *) keymgr -c "$LAB_DNS/knot.conf" "$zone" generate algorithm="$(lab_algorithm_of_policy "$policy")" \
           ksk=yes zsk=yes >/dev/null || lab_die "keymgr could not make a key for $zone" ;;
    esac
  done
}

# Appends to every parent zone the delegations of its children: NS, glue and DS.
lab_delegate_zones() {
  local template zone parent file parent_file target relative policy
  for template in $(lab_zone_templates); do
    zone=$(lab_zone_of "$template")
    [ "$zone" = "." ] && continue
    parent=$(lab_parent_of "$zone")
    file=$(lab_zone_file "$zone")
    parent_file=$(lab_zone_file "$parent")
    [ -f "$parent_file" ] || lab_die "zone $zone has no parent zone template ($parent)"
    {
      echo "; delegation of $zone"
      awk '$1 == "@" && $2 == "NS" { print $3 }' "$file" | while read -r target; do
        echo "$zone NS $target"
        case $target in
          *".$zone")
            relative=${target%".$zone"}
            awk -v r="$relative" -v t="$target" '$1 == r && ($2 == "A" || $2 == "AAAA") { print t, $2, $3 }' "$file"
            ;;
        esac
      done
      policy=$(lab_signing_of "$template")
      case $policy in
        none) ;;
        presigned*) [ -f "$LAB_DNS/keys/${zone%.}.ds" ] && cat "$LAB_DNS/keys/${zone%.}.ds" ;;
        *) keymgr -c "$LAB_DNS/knot.conf" "$zone" ds | awk '$5 == 2' ;;
      esac
    } >>"$parent_file"
  done
}

lab_write_trust_anchors() {
  keymgr -c "$LAB_DNS/knot.conf" . dnskey | awk '$3 == 257' >"$LAB_DNS/root.key"
  keymgr -c "$LAB_DNS/knot.conf" . ds | awk '$5 == 2' >"$LAB_DNS/root.ds"
  awk '{ printf "trust-anchors {\n  . static-key %s %s %s \"%s\";\n};\n", $3, $4, $5, $6 }' \
    "$LAB_DNS/root.key" >"$LAB_DNS/root.anchor.bind"
  [ -s "$LAB_DNS/root.key" ] || lab_die "no root key: signing the root failed"
}

lab_write_unbound_conf() {
  cat >"$LAB_DNS/unbound.conf" <<CONF
server:
    username: ""
    chroot: ""
    directory: "$LAB_DNS"
    pidfile: "$LAB_DNS/run/unbound.pid"
    logfile: "$LAB_DNS/unbound.log"
    use-syslog: no
    verbosity: 1
    interface: $(lab_v4 resolver)@53
    interface: $(lab_v6 resolver)@53
    access-control: 127.0.0.0/8 allow
    access-control: ::1/128 allow
    access-control: fd00:dead::/32 allow
    # The lab's nodes (deploy/lab/nodes): namespaces that reach the resolver from 198.18.I.0/24.
    access-control: 198.18.0.0/15 allow
    do-not-query-localhost: no
    local-zone: "test." nodefault
    trust-anchor-file: "$LAB_DNS/root.key"
    val-log-level: 2
    log-servfail: yes
    cache-max-ttl: 300
    cache-max-negative-ttl: 5
    num-threads: 1
remote-control:
    control-enable: yes
    control-interface: "$LAB_DNS/run/unbound.ctl"
stub-zone:
    name: "."
    stub-addr: $(lab_v4 ns-root)
    stub-addr: $(lab_v6 ns-root)
CONF
}

lab_start_dns() {
  mkdir -p "$LAB_DNS"/{zones,db,run,keys}
  lab_write_knot_conf
  lab_render_zones
  lab_presign_zones
  lab_delegate_zones
  lab_install_presigned_zones
  lab_write_trust_anchors
  knotc -c "$LAB_DNS/knot.conf" conf-check >/dev/null || lab_die "knot.conf is invalid"
  knotd -c "$LAB_DNS/knot.conf" -d || lab_die "knotd did not start; see $LAB_DNS/knot.log"
  lab_wait 100 kdig +timeout=1 +retry=0 @"$(lab_v4 ns-root)" . SOA || lab_die "knotd does not answer; see $LAB_DNS/knot.log"
  lab_wait 100 knotc -c "$LAB_DNS/knot.conf" zone-status . || true

  lab_write_unbound_conf
  unbound-checkconf "$LAB_DNS/unbound.conf" >/dev/null || lab_die "unbound.conf is invalid"
  unbound -c "$LAB_DNS/unbound.conf" || lab_die "unbound did not start; see $LAB_DNS/unbound.log"
  lab_wait 100 kdig +timeout=1 +retry=0 @"$(lab_v4 resolver)" test. SOA || lab_die "unbound does not answer; see $LAB_DNS/unbound.log"
}

lab_stop_dns() {
  local pids=()
  for pidfile in "$LAB_DNS/run/unbound.pid" "$LAB_DNS/run/knot.pid"; do
    lab_pid_alive "$pidfile" && pids+=("$(cat "$pidfile")")
  done
  if lab_pid_alive "$LAB_DNS/run/unbound.pid"; then
    kill "$(cat "$LAB_DNS/run/unbound.pid")" 2>/dev/null || true
  fi
  if lab_pid_alive "$LAB_DNS/run/knot.pid"; then
    knotc -c "$LAB_DNS/knot.conf" stop >/dev/null 2>&1 || kill "$(cat "$LAB_DNS/run/knot.pid")" 2>/dev/null || true
  fi
  local pid
  for pid in "${pids[@]}"; do
    lab_wait 50 bash -c "! kill -0 $pid 2>/dev/null" || true
  done
  return 0
}
