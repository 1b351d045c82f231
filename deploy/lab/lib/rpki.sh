# The lab's RPKI: from rpki/routes.conf and the addresses of hosts.conf, a prefix-to-AS table
# (pfx2as), a VRP export (JSON) and the Team Cymru TXT records the cymru.com zone includes;
# StayRTR serves the same VRPs over RTR (RFC 8210) and as JSON over HTTP.
# shellcheck shell=bash

LAB_RPKI=$LAB_STATE/rpki
LAB_RTR_PORT=8282
LAB_RTR_HTTP_PORT=9847

# IPv4 ADDRESS cut to LENGTH bits: "127.104.64.1 24" -> "127.104.64.0"
lab_v4_prefix() {
  local a b c d n mask
  IFS=. read -r a b c d <<<"$1"
  n=$(((a << 24) | (b << 16) | (c << 8) | d))
  mask=$(($2 == 0 ? 0 : (0xffffffff << (32 - $2)) & 0xffffffff))
  n=$((n & mask))
  echo "$((n >> 24 & 255)).$((n >> 16 & 255)).$((n >> 8 & 255)).$((n & 255))"
}

# IPv6 ADDRESS as 8 hexadecimal groups of 4 digits: "fd00:dead:4:64::1" -> "fd00 dead 0004 0064 0000 0000 0000 0001"
lab_v6_groups() {
  local address=$1 left right groups=() missing i
  if [[ $address == *::* ]]; then left=${address%%::*}; right=${address##*::}; else left=$address; right=""; fi
  local -a l r
  IFS=: read -r -a l <<<"$left"
  IFS=: read -r -a r <<<"$right"
  missing=$((8 - ${#l[@]} - ${#r[@]}))
  groups=("${l[@]}")
  for ((i = 0; i < missing; i++)); do groups+=(0); done
  groups+=("${r[@]}")
  local out=()
  for i in "${groups[@]}"; do out+=("$(printf '%04x' "0x$i")"); done
  echo "${out[*]}"
}

# IPv6 ADDRESS cut to LENGTH bits, written out in full: "fd00:dead:4:64::1 64" -> "fd00:dead:4:64:0:0:0:0"
lab_v6_prefix() {
  local -a groups
  read -r -a groups <<<"$(lab_v6_groups "$1")"
  local length=$2 out=() i keep
  for i in 0 1 2 3 4 5 6 7; do
    keep=$((length - 16 * i))
    if ((keep >= 16)); then out+=("$(printf '%x' "0x${groups[$i]}")")
    elif ((keep <= 0)); then out+=(0)
    else out+=("$(printf '%x' $((0x${groups[$i]} & (0xffff << (16 - keep)) & 0xffff)))"); fi
  done
  (IFS=:; echo "${out[*]}")
}

# The reversed DNS labels under which Team Cymru answers for every address of PREFIX/LENGTH:
# whole octets (IPv4) or nibbles (IPv6); a length between boundaries gives one name per block.
lab_cymru_owners() {
  local prefix=$1 length=$2 family=$3 unit width digits=() i count base
  if [ "$family" = 4 ]; then
    unit=8; IFS=. read -r -a digits <<<"$prefix"
  else
    unit=4; read -r -a groups <<<"$(lab_v6_groups "$prefix")"
    digits=(); for i in "${groups[@]}"; do digits+=("${i:0:1}" "${i:1:1}" "${i:2:1}" "${i:3:1}"); done
  fi
  width=$(((length + unit - 1) / unit))
  count=$((1 << (width * unit - length)))
  for ((i = 0; i < count; i++)); do
    local labels=() j value
    for ((j = 0; j < width; j++)); do
      value=$([ "$family" = 4 ] && echo "${digits[$j]}" || echo $((0x${digits[$j]})))
      ((j == width - 1)) && value=$((value + i))
      labels=("$([ "$family" = 4 ] && echo "$value" || printf '%x' "$value")" "${labels[@]}")
    done
    (IFS=.; echo "${labels[*]}")
  done
}

lab_make_rpki_fixtures() {
  rm -rf "$LAB_RPKI"
  mkdir -p "$LAB_RPKI"
  local kind host len4 len6 asn max4 max6 roas=() family len address prefix owner
  : >"$LAB_RPKI/pfx2as.txt"
  echo "; generated from deploy/lab/rpki/routes.conf" >"$LAB_RPKI/cymru.records"
  while read -r kind host len4 len6 asn max4 max6 _; do
    [ -z "$(lab_hosts | awk -v n="$host" '$1 == n')" ] && lab_die "rpki/routes.conf: no host '$host' in hosts.conf"
    for family in 4 6; do
      len=$([ $family = 4 ] && echo "$len4" || echo "$len6")
      address=$([ $family = 4 ] && lab_v4 "$host" || lab_v6 "$host")
      [ "$len" = "-" ] || [ -z "$address" ] && continue
      prefix=$([ $family = 4 ] && lab_v4_prefix "$address" "$len" || lab_v6_prefix "$address" "$len")
      case $kind in
        route)
          printf '%s\t%s\t%s\n' "$prefix" "$len" "$asn" >>"$LAB_RPKI/pfx2as.txt"
          while read -r owner; do
            printf '*.%s.%s TXT "%s | %s/%s | ZZ | lab | 2024-01-01"\n' "$owner" \
              "$([ $family = 4 ] && echo origin.asn || echo origin6.asn)" "${asn//_/ }" "$prefix" "$len" >>"$LAB_RPKI/cymru.records"
          done < <(lab_cymru_owners "$prefix" "$len" "$family")
          ;;
        roa)
          roas+=("$(printf '    {"prefix": "%s/%s", "maxLength": %s, "asn": "AS%s", "ta": "lab"}' \
            "$prefix" "$len" "$([ $family = 4 ] && echo "$max4" || echo "$max6")" "$asn")")
          ;;
        *) lab_die "rpki/routes.conf: unknown kind '$kind'" ;;
      esac
    done
  done < <(grep -v '^\s*#' "$LAB_DIR/rpki/routes.conf" | sed 's/#.*//' | awk 'NF >= 5')
  {
    printf '{\n  "metadata": {"generated": %s, "counts": %s},\n  "roas": [\n' "$(date +%s)" "${#roas[@]}"
    (IFS=$'\n'; echo "${roas[*]}" | sed '$!s/$/,/')
    printf '  ]\n}\n'
  } >"$LAB_RPKI/vrps.json"
}

lab_rtr_address() { lab_v4 rtr; }

lab_rtr_answers() { timeout 2 bash -c "exec 3<>/dev/tcp/$(lab_rtr_address)/$LAB_RTR_PORT" 2>/dev/null; }

lab_start_rtr() {
  local address
  address=$(lab_rtr_address)
  [ -n "$address" ] || lab_die "hosts.conf has no 'rtr' host"
  # StayRTR reads the export once at start and again every -refresh seconds.
  nohup stayrtr -bind "$address:$LAB_RTR_PORT" -metrics.addr "$address:$LAB_RTR_HTTP_PORT" \
    -cache "$LAB_RPKI/vrps.json" -checktime=false -refresh 60 -loglevel info \
    >"$LAB_RPKI/stayrtr.log" 2>&1 &
  echo $! >"$LAB_RPKI/stayrtr.pid"
  # For the tests: where the RTR cache and its HTTP export are.
  echo "$address:$LAB_RTR_PORT" >"$LAB_RPKI/rtr.endpoint"
  echo "http://$address:$LAB_RTR_HTTP_PORT/rpki.json" >"$LAB_RPKI/vrps.url"
  lab_wait 100 lab_rtr_answers || lab_die "StayRTR does not answer on $address:$LAB_RTR_PORT; see $LAB_RPKI/stayrtr.log"
  lab_wait 100 grep -q "New update" "$LAB_RPKI/stayrtr.log" || lab_die "StayRTR did not load the VRPs; see $LAB_RPKI/stayrtr.log"
}

lab_stop_rtr() { lab_stop_pidfile "$LAB_RPKI/stayrtr.pid"; }
