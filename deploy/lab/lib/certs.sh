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
