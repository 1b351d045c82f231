# The lab's IPv6 addresses on lo (IPv4 needs none: all of 127/8 is local already).
# shellcheck shell=bash

lab_add_addresses() {
  if [ "$(sysctl -n net.ipv6.conf.lo.disable_ipv6 2>/dev/null || echo 0)" = 1 ]; then
    sysctl -q -w net.ipv6.conf.lo.disable_ipv6=0 || lab_die "IPv6 is disabled on lo and cannot be enabled"
  fi
  local name role v4 v6
  while read -r name role v4 v6; do
    [ "$v6" = "-" ] && continue
    ip -6 addr replace "$LAB_V6_NET:$v6/128" dev lo || lab_die "cannot add $LAB_V6_NET:$v6 to lo (root needed)"
  done < <(lab_hosts)
}

lab_remove_addresses() {
  local name role v4 v6
  while read -r name role v4 v6; do
    [ "$v6" = "-" ] && continue
    ip -6 addr del "$LAB_V6_NET:$v6/128" dev lo 2>/dev/null || true
  done < <(lab_hosts)
}
