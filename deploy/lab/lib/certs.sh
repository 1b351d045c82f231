# The lab's certificate authority and the mail servers' certificates.
# shellcheck shell=bash

lab_make_certs() {
  local dir=$LAB_STATE/tls
  mkdir -p "$dir"
  # The lab CA: a root the scanner trusts only when told to (the lab profile names it).
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" -subj "/O=MailScan lab/CN=MailScan lab CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  # The default certificate of the lab's mail servers.
  lab_issue_cert mail "DNS:mx.lab.test,DNS:*.mail.test"
}

# lab_issue_cert NAME SUBJECT_ALT_NAMES [openssl -newkey args...]: a leaf signed by the lab CA.
lab_issue_cert() {
  local dir=$LAB_STATE/tls name=$1 san=$2
  shift 2
  local newkey=("$@")
  [ ${#newkey[@]} -eq 0 ] && newkey=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1)
  local cn=${san%%,*}
  cn=${cn#DNS:}
  openssl req -new "${newkey[@]}" -nodes -keyout "$dir/$name.key" -out "$dir/$name.csr" \
    -subj "/CN=$cn" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
    "$san" >"$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 825 -sha256 -extfile "$dir/$name.ext" -out "$dir/$name.crt" 2>/dev/null
  cat "$dir/$name.crt" "$dir/ca.crt" >"$dir/$name.chain.crt"
  chmod 600 "$dir/$name.key"
}

# lab_issue_cert_aia NAME SAN URL: a leaf of the lab's intermediate CA that names URL as the place
# of its issuer (Authority Information Access, caIssuers), served without that issuer: its chain
# file holds the leaf alone, so only a client that downloads the issuer can complete the chain.
lab_issue_cert_aia() {
  local dir=$LAB_STATE/tls name=$1 san=$2 url=$3
  if [ ! -f "$dir/aia-ca.der" ]; then
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$dir/aia-ca.key" \
      -out "$dir/aia-ca.csr" -subj "/O=MailScan lab/CN=MailScan lab intermediate (never sent)" 2>/dev/null
    printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' >"$dir/aia-ca.ext"
    openssl x509 -req -in "$dir/aia-ca.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
      -days 825 -sha256 -extfile "$dir/aia-ca.ext" -out "$dir/aia-ca.crt" 2>/dev/null
    openssl x509 -in "$dir/aia-ca.crt" -outform DER -out "$dir/aia-ca.der"
  fi
  local cn=${san%%,*}
  cn=${cn#DNS:}
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$dir/$name.key" \
    -out "$dir/$name.csr" -subj "/CN=$cn" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nauthorityInfoAccess=caIssuers;URI:%s\n' \
    "$san" "$url" >"$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/aia-ca.crt" -CAkey "$dir/aia-ca.key" -CAcreateserial \
    -days 825 -sha256 -extfile "$dir/$name.ext" -out "$dir/$name.crt" 2>/dev/null
  cp "$dir/$name.crt" "$dir/$name.chain.crt"
  chmod 600 "$dir/$name.key"
}

# Where the AIA leaves say their issuer is: the lab's recorder (hosts.conf, role lab-aiarecorder).
lab_aia_url() { echo "http://$(lab_v4 aia-issuer)/issuer.crt"; }
