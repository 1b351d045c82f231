# Broken and unusual DNSSEC zones for the validator: a zone template whose first line says
# ";! signing: presigned-KIND" is signed offline here with ldns (ECDSA P-256), then broken the
# way KIND says, and served by Knot as it is (no signing). Its DS goes to keys/<zone>.ds, which
# lab_delegate_zones appends to the parent.
# shellcheck shell=bash

# Signs every presigned zone into <file>.presigned (the rendered file stays for the delegation step).
lab_presign_zones() {
  local template zone policy
  for template in $(lab_zone_templates); do
    policy=$(lab_signing_of "$template")
    case $policy in presigned-*) ;; *) continue ;; esac
    zone=$(lab_zone_of "$template")
    lab_presign_zone "$zone" "${policy#presigned-}" "$(lab_zone_file "$zone")"
  done
}

# After the delegations are written: the signed (and broken) files replace the rendered ones.
lab_install_presigned_zones() {
  local file
  for file in "$LAB_DNS"/zones/*.presigned; do
    [ -e "$file" ] && mv "$file" "${file%.presigned}"
  done
  return 0
}

lab_ldns_time() { date -u -d "$1" +%Y%m%d%H%M%S; }

lab_presign_zone() {
  local zone=$1 kind=$2 file=$3 dir="$LAB_DNS/keys/${1%.}" key other inception expiration ds
  local nsec3=()
  mkdir -p "$dir"
  key=$(cd "$dir" && ldns-keygen -a ECDSAP256SHA256 -k "$zone") || lab_die "ldns-keygen failed for $zone"
  inception=$(lab_ldns_time '-1 hour')
  expiration=$(lab_ldns_time '+1 year')
  case $kind in
    expired) inception=20200101000000 expiration=20200201000000 ;;
    notyet) inception=$(lab_ldns_time '+1 year') expiration=$(lab_ldns_time '+2 years') ;;
    nsec3bad) nsec3=(-n -t 0) ;;
  esac
  ldns-signzone "${nsec3[@]}" -o "$zone" -i "$inception" -e "$expiration" -f "$file.signed" "$file" "$dir/$key" \
    || lab_die "ldns-signzone failed for $zone"
  ds=$(ldns-key2ds -n -2 "$dir/$key.key")
  case $kind in
    expired | notyet) ;;
    dsmismatch) # same key tag and algorithm, last digest digit changed
      ds=$(echo "$ds" | awk '{ d = $NF; last = substr(d, length(d)); $NF = substr(d, 1, length(d) - 1) (last == "0" ? "1" : "0"); print }') ;;
    dsnokey) # a DS for a second key that is never published
      other=$(cd "$dir" && ldns-keygen -a ECDSAP256SHA256 -k "$zone") || lab_die "ldns-keygen failed for $zone"
      ds=$(ldns-key2ds -n -2 "$dir/$other.key") ;;
    norrsig) # Knot serves signatures only while the apex SOA is signed: keep that one and the DNSKEY set's
      lab_zone_filter "$file.signed" '!($4 == "RRSIG" && $5 != "DNSKEY" && $5 != "SOA")' ;;
    tampered) lab_zone_filter "$file.signed" '{ if ($4 == "SOA") $7 = $7 + 1000 } 1' ;;
    nsec3bad) # flip the first character of every next-hashed-owner field (a base32hex digit stays one)
      lab_zone_filter "$file.signed" '{ if ($4 == "NSEC3") $9 = (substr($9, 1, 1) == "0" ? "1" : "0") substr($9, 2) } 1' ;;
    wildcardnoproof) # remove the NSEC at the wildcard, the one that covers the names it synthesises
      lab_zone_filter "$file.signed" -v w="*.$zone" '!($1 == w && ($4 == "NSEC" || ($4 == "RRSIG" && $5 == "NSEC")))' ;;
    alg253) lab_presign_private_algorithm "$file.signed" "$dir/$key"; ds=$(ldns-key2ds -n -2 "$dir/private.key") ;;
    *) lab_die "unknown presigned kind '$kind' for $zone" ;;
  esac
  echo "$ds" >"$LAB_DNS/keys/${zone%.}.ds"
  mv "$file.signed" "$file.presigned"
}

# Applies an awk program to a signed zone in place; fields are re-joined with tabs.
lab_zone_filter() {
  local file=$1
  shift
  awk -v OFS="\t" "$@" "$file" >"$file.tmp" && mv "$file.tmp" "$file"
}

# Renumbers the zone's key and signatures to private algorithm 253: no validator can check them,
# so a validator must treat the zone as unsigned, not as bogus.
lab_presign_private_algorithm() {
  local file=$1 key=$2 tag
  sed -E 's/(DNSKEY[[:space:]]+257[[:space:]]+3[[:space:]]+)13 /\1253 /' "$key.key" >"$(dirname "$key")/private.key"
  tag=$(ldns-key2ds -n -2 "$(dirname "$key")/private.key" | awk '{ print $5 }')
  awk -v tag="$tag" 'BEGIN { OFS = "\t" } { n = split($0, f, /[ \t]+/) }
    f[4] == "DNSKEY" { f[7] = 253 } f[4] == "RRSIG" { f[6] = 253; f[11] = tag }
    { line = f[1]; for (i = 2; i <= n; i++) line = line "\t" f[i]; print line }' "$file" >"$file.tmp" && mv "$file.tmp" "$file"
}
