# The hostile part of the lab (docs/RELIABILITY.md): the hostile servers are LabServers modes
# (lib/tlslab.sh starts every lab-MODE host of hosts.conf); here are the zone placeholders that
# are too large to write by hand.
# shellcheck shell=bash

# @@TXT9999:TEXT@@ in a zone template becomes 9 999 TXT strings "TEXT" (a record of 10 000
# strings with the one written before it).
lab_hostile_sed() {
  local text escaped expansion
  grep -ho '@@TXT9999:[^@]*@@' "$LAB_DIR"/zones/*.zone.in 2>/dev/null | sort -u | while read -r placeholder; do
    text=${placeholder#@@TXT9999:}
    text=${text%@@}
    escaped=$(printf '%s' "$text" | sed 's/[&/\]/\\&/g')
    expansion=$(for _ in $(seq 9999); do printf '"%s" ' "$escaped"; done)
    printf 's/%s/%s/g\n' "$(printf '%s' "$placeholder" | sed 's/[]\/$*.^[]/\\&/g')" "$expansion"
  done
}
