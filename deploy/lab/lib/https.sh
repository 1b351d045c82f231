# The lab's HTTPS servers (MTA-STS policies): one `openssl s_server -WWW` per host with role
# https in hosts.conf, serving the files of https/<host>/ on port 443 of its IPv4 address, with a
# certificate of the lab CA for every name that a zone template points at that host (role
# https-aia: a leaf of the lab's intermediate, sent without it, that names lab_aia_url as its issuer).
# shellcheck shell=bash

LAB_HTTPS=$LAB_STATE/https

# The names that zone templates point at a host with A records: "mta-sts A @@V4:host@@" in
# zones/x.test.zone.in gives mta-sts.x.test.
lab_https_names() {
  local host=$1 template zone
  for template in $(lab_zone_templates); do
    zone=$(lab_zone_of "$template")
    awk -v h="@@V4:$host@@" -v z="$zone" '$2 == "A" && $3 == h { n = ($1 == "@") ? z : $1 "." z; sub(/\.$/, "", n); print n }' "$template"
  done | sort -u
}

lab_https_listening() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/443" 2>/dev/null; }

lab_start_https() {
  mkdir -p "$LAB_HTTPS"
  local name role v4 v6 names address root
  while read -r name role v4 v6; do
    [ -d "$LAB_DIR/https/$name" ] || lab_die "https host $name has no directory $LAB_DIR/https/$name"
    names=$(lab_https_names "$name")
    [ -n "$names" ] || lab_die "no zone template points a name at https host $name"
    if [ "$role" = https-aia ]; then
      lab_issue_cert_aia "https-$name" "$(echo "$names" | sed 's/^/DNS:/' | paste -sd, -)" "$(lab_aia_url)"
    else
      lab_issue_cert "https-$name" "$(echo "$names" | sed 's/^/DNS:/' | paste -sd, -)"
    fi
    root=$LAB_HTTPS/$name
    rm -rf "$root" && mkdir -p "$root" && cp -r "$LAB_DIR/https/$name/." "$root/"
    address=$LAB_V4_NET.$v4
    # s_server -WWW answers "GET /path" with the file under its working directory.
    (cd "$root" && exec setsid openssl s_server -quiet -WWW -accept "$address:443" \
      -cert "$LAB_STATE/tls/https-$name.crt" -key "$LAB_STATE/tls/https-$name.key" \
      </dev/null >"$LAB_HTTPS/$name.log" 2>&1) &
    echo $! >"$LAB_HTTPS/$name.pid"
    lab_wait 50 lab_https_listening "$address" || lab_die "openssl s_server does not listen on $address:443; see $LAB_HTTPS/$name.log"
  done < <(lab_hosts_with_role https https-aia)
  return 0
}

lab_stop_https() {
  local pidfile
  for pidfile in "$LAB_HTTPS"/*.pid; do
    [ -f "$pidfile" ] || continue
    lab_pid_alive "$pidfile" && kill "$(cat "$pidfile")" 2>/dev/null
    lab_wait 30 bash -c "! kill -0 $(cat "$pidfile") 2>/dev/null"
    rm -f "$pidfile"
  done
  return 0
}
