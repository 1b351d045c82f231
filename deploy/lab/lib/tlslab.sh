# The STARTTLS part of the lab: per-host TLS profiles of the Postfix listeners
# (tls-profiles.conf), their certificates, the values TLSA records are made of, and the lab's
# own small servers for behaviour Postfix cannot show (LabServers: tarpit, 421, broken TLS and
# the hostile servers listed in docs/RELIABILITY.md).
# shellcheck shell=bash

LAB_TLS=$LAB_STATE/tls
LAB_LABSERVERS=$LAB_STATE/labservers

# The certificates of tls-profiles.conf: each valid for "mx.<domain>" of the lab domains that use it.
lab_make_tls_certs() {
  lab_issue_cert tls-modern "DNS:mx.starttls-good.test,DNS:mx.dane-ee.test,DNS:mx.dane-mismatch.test,DNS:mx.dane-ta.test,DNS:mx.dane-insecure.test,DNS:mx.dane-rollover.test"
  lab_issue_cert tls-legacy "DNS:mx.tls-legacy.test" -newkey rsa:2048
  lab_issue_cert tls-weak "DNS:mx.tls-weak.test" -newkey rsa:2048
  lab_issue_cert tls-clientorder "DNS:mx.tls-clientorder.test"
  lab_issue_cert tls-dh1024 "DNS:mx.tls-dh1024.test" -newkey rsa:3072
  lab_issue_cert tls-mismatch "DNS:mx.somewhere-else.test"
  lab_issue_cert tls-rsa1024 "DNS:mx.tls-rsa1024.test" -newkey rsa:1024
  lab_issue_cert_sha1 tls-sha1 "DNS:mx.tls-sha1.test"
  lab_issue_cert_expired tls-expired "DNS:mx.tls-expired.test"
  lab_issue_cert tls-openssl "DNS:mx.tls-reneg.test,DNS:mx.tls-reneglimit.test,DNS:mx.tls-ssl2.test"
  lab_issue_cert_aia tls-aia "DNS:mx.aia-fetch.test" "$(lab_aia_url)"
  lab_issue_cert tls-strict "DNS:mx.strict-rate.test,DNS:mx.strict-pregreet.test,DNS:mx.strict-ref.test"
  # Self-signed: not issued by the lab CA, so no configured root trusts it.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
    -keyout "$LAB_TLS/tls-selfsigned.key" -out "$LAB_TLS/tls-selfsigned.crt" -subj "/CN=mx.tls-selfsigned.test" \
    -addext "subjectAltName=DNS:mx.tls-selfsigned.test" 2>/dev/null
  cp "$LAB_TLS/tls-selfsigned.crt" "$LAB_TLS/tls-selfsigned.chain.crt"
  # A key that is not in any certificate: the "next key" of a rollover pair, and a mismatching record.
  openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:prime256v1 -out "$LAB_TLS/next.key" 2>/dev/null
  openssl pkey -in "$LAB_TLS/next.key" -pubout -out "$LAB_TLS/next.pub" 2>/dev/null
  # OpenSSL settings for the modern profile: sign the key exchange with SHA-2 of 256 bits or more only.
  cat >"$LAB_TLS/modern-openssl.cnf" <<'CNF'
modern = modern_settings
[modern_settings]
ssl_conf = modern_ssl
[modern_ssl]
system_default = modern_baseline
[modern_baseline]
SignatureAlgorithms = ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512:ed25519:ed448:rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:RSA+SHA256:RSA+SHA384:RSA+SHA512
CNF
  # A self-generated 1024-bit DH group (custom prime: insufficient).
  openssl dhparam -out "$LAB_TLS/dh1024.pem" 1024 2>/dev/null
}

lab_issue_cert_sha1() { # NAME SAN: like lab_issue_cert, but the CA signs with SHA-1
  lab_issue_cert "$1" "$2"
  openssl x509 -req -in "$LAB_TLS/$1.csr" -CA "$LAB_TLS/ca.crt" -CAkey "$LAB_TLS/ca.key" -CAcreateserial \
    -days 825 -sha1 -extfile "$LAB_TLS/$1.ext" -out "$LAB_TLS/$1.crt" 2>/dev/null
  cat "$LAB_TLS/$1.crt" "$LAB_TLS/ca.crt" >"$LAB_TLS/$1.chain.crt"
}

lab_issue_cert_expired() { # NAME SAN: like lab_issue_cert, but valid only in 2024
  lab_issue_cert "$1" "$2"
  local ca=$LAB_TLS/expired-ca
  mkdir -p "$ca/new"
  : >"$ca/index.txt"
  echo 1000 >"$ca/serial"
  printf '[ca]\ndefault_ca=lab\n[lab]\ndatabase=%s/index.txt\nnew_certs_dir=%s/new\nserial=%s/serial\npolicy=any\ndefault_md=sha256\nunique_subject=no\n[any]\ncommonName=supplied\n' \
    "$ca" "$ca" "$ca" >"$ca/ca.cnf"
  openssl ca -batch -config "$ca/ca.cnf" -cert "$LAB_TLS/ca.crt" -keyfile "$LAB_TLS/ca.key" -in "$LAB_TLS/$1.csr" \
    -out "$LAB_TLS/$1.crt" -startdate 20240101000000Z -enddate 20250101000000Z -extfile "$LAB_TLS/$1.ext" -notext >/dev/null 2>&1 \
    || lab_die "could not issue the expired certificate"
  cat "$LAB_TLS/$1.crt" "$LAB_TLS/ca.crt" >"$LAB_TLS/$1.chain.crt"
}

# " -o name=value ..." for a host's smtpd listener (master.cf), or nothing.
lab_smtpd_overrides() {
  local host=$1 name cert rest
  # Each listener logs under its host name, so a benchmark can count the connections it got.
  printf ' -o syslog_name=mailscan-lab-%s/%s' "$LAB_INSTANCE" "$host"
  while read -r name cert rest; do
    [ "$name" = "$host" ] || continue
    [ "$cert" != "-" ] && printf ' -o smtpd_tls_chain_files=%s/%s.key,%s/%s.chain.crt' "$LAB_TLS" "$cert" "$LAB_TLS" "$cert"
    for option in $rest; do printf ' -o %s' "${option//@STATE@/$LAB_STATE}"; done
  done < <(grep -v '^\s*#' "$LAB_DIR/tls-profiles.conf" | awk 'NF >= 2')
}

# TLSA data for zone templates: @@SPKI256:cert@@ (SHA-256 of the key, selector 1),
# @@CERT256:cert@@ (SHA-256 of the whole certificate, selector 0); "next" is the rollover key.
lab_certificate_sed() {
  local crt name
  for crt in "$LAB_TLS"/*.crt; do
    name=$(basename "$crt" .crt)
    case $name in *.chain) continue ;; esac
    printf 's/@@SPKI256:%s@@/%s/g\n' "$name" "$(openssl x509 -in "$crt" -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum | cut -c1-64)"
    printf 's/@@CERT256:%s@@/%s/g\n' "$name" "$(openssl x509 -in "$crt" -outform DER | sha256sum | cut -c1-64)"
  done
  [ -f "$LAB_TLS/next.pub" ] && printf 's/@@SPKI256:next@@/%s/g\n' "$(openssl pkey -pubin -in "$LAB_TLS/next.pub" -outform DER | sha256sum | cut -c1-64)"
  return 0
}

# The lab's own servers (deploy/lab/LabServers): one process, one listener per host whose role
# is lab-MODE (hosts.conf), on its IPv4 and IPv6 address; the port follows the protocol of the
# mode (SMTP 25, DNS 53, HTTPS 443, RTR 8282). lab-421 is the mode reject421. The same process
# runs the relays of the relay-TAIL-SECONDS hosts.
lab_start_labservers() {
  local args=() name role v4 v6 mode port
  while read -r name role v4 v6; do
    mode=${role#lab-}
    [ "$mode" = 421 ] && mode=reject421
    case $mode in dns*) port=53 ;; hugepolicy) port=443 ;; rtr*) port=8282 ;; aiarecorder) port=80 ;; *) port=25 ;; esac
    [ "$v4" != "-" ] && args+=("$mode=$LAB_V4_NET.$v4:$port")
    [ "$v6" != "-" ] && args+=("$mode=[$LAB_V6_NET:$v6]:$port")
    if [ "$mode" = hugepolicy ]; then
      lab_issue_cert "lab-$name" "$(lab_https_names "$name" | sed 's/^/DNS:/' | paste -sd, -)"
      args+=(--cert "$LAB_TLS/lab-$name.chain.crt" --key "$LAB_TLS/lab-$name.key")
    fi
    if [ "$mode" = tlsendlessreply ]; then
      lab_issue_cert "lab-$name" "$(lab_https_names "$name" | sed 's/^/DNS:/' | paste -sd, -)"
      args+=(--smtp-cert "$LAB_TLS/lab-$name.chain.crt" --smtp-key "$LAB_TLS/lab-$name.key")
    fi
    [ "$mode" = aiarecorder ] && args+=(--aia-issuer "$LAB_TLS/aia-ca.der" --aia-log "$LAB_LABSERVERS/aia-requests.log")
  done < <(lab_hosts | awk '$2 ~ /^lab-/ && $2 !~ /^lab-renegotiation/ && $2 != "lab-ssl2"')
  while read -r arg; do args+=("$arg"); done < <(lab_openssl_server_args)
  # The relay-TAIL-SECONDS hosts: LabServers' relay in front of mx-strict-ref, with that tail.
  while read -r name role v4 v6; do
    mode=${role#relay-}
    args+=("relay=$LAB_V4_NET.$v4:25>$(lab_v4 mx-strict-ref):25,${mode%-*}=${mode##*-}")
  done < <(lab_hosts | awk '$2 ~ /^relay-/')
  [ ${#args[@]} -eq 0 ] && return 0
  lab_build_labservers "$LAB_LABSERVERS/bin"
  nohup dotnet "$LAB_LABSERVERS/bin/LabServers.dll" --instance "$LAB_INSTANCE" "${args[@]}" >"$LAB_LABSERVERS/labservers.log" 2>&1 </dev/null &
  echo $! >"$LAB_LABSERVERS/labservers.pid"
  local first=${args[0]#*=}
  lab_wait 100 bash -c "exec 3<>/dev/tcp/${first%:*}/${first##*:}" || lab_die "LabServers do not listen; see $LAB_LABSERVERS/labservers.log"
}

lab_stop_labservers() { lab_stop_pidfile "$LAB_LABSERVERS/labservers.pid"; }

# LabServers' openssl mode (TLS by `openssl s_server`) for the lab-renegotiation hosts: without a
# limit, or cut off after 3 client renegotiations on one connection; lab-ssl2 as the second, and
# answering SSL 2.0 hellos in SSL 2.0.
lab_openssl_server_args() {
  local name role v4 v6 limit
  while read -r name role v4 v6; do
    limit=
    [ "$role" = lab-renegotiation-limit ] && limit=,renegotiations=3
    [ "$role" = lab-ssl2 ] && limit=,renegotiations=3,ssl2=on
    echo "openssl=$LAB_V4_NET.$v4:25,cert=$LAB_TLS/tls-openssl.crt,key=$LAB_TLS/tls-openssl.key,chain=$LAB_TLS/ca.crt,name=$name.lab.test$limit"
  done < <(lab_hosts_with_role lab-renegotiation lab-renegotiation-limit lab-ssl2)
}
