# Shared by the lab scripts: where the lab lives, which addresses it uses, how it logs.
# shellcheck shell=bash

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB_STATE=${LAB_STATE:-$LAB_DIR/.state}
# Several labs can run side by side (one per checkout) with different instance numbers 0-99:
# instance I uses 127.(100+I).0.0/16 and fd00:dead:I::/48.
LAB_INSTANCE=${LAB_INSTANCE:-0}
if ! [[ $LAB_INSTANCE =~ ^[0-9]{1,2}$ ]]; then
  echo "lab: LAB_INSTANCE must be a number 0-99, not '$LAB_INSTANCE'" >&2
  exit 2
fi
LAB_V4_NET="127.$((100 + LAB_INSTANCE))"
LAB_V6_NET="fd00:dead:$LAB_INSTANCE"
LAB_V4_CIDR="$LAB_V4_NET.0.0/16"
LAB_V6_CIDR="$LAB_V6_NET::/48"

lab_log() { printf 'lab: %s\n' "$*" >&2; }
lab_die() { printf 'lab: error: %s\n' "$*" >&2; exit 1; }

# Every host of the lab: name, role, IPv4 suffix, IPv6 suffix ("-" for none).
lab_hosts() { grep -v '^\s*#' "$LAB_DIR/hosts.conf" | awk 'NF >= 4'; }

lab_v4() { # NAME -> IPv4 address, or nothing
  local suffix
  suffix=$(lab_hosts | awk -v n="$1" '$1 == n { print $3 }')
  [ -n "$suffix" ] && [ "$suffix" != "-" ] && echo "$LAB_V4_NET.$suffix"
  return 0
}

lab_v6() { # NAME -> IPv6 address, or nothing
  local suffix
  suffix=$(lab_hosts | awk -v n="$1" '$1 == n { print $4 }')
  [ -n "$suffix" ] && [ "$suffix" != "-" ] && echo "$LAB_V6_NET:$suffix"
  return 0
}

# Hosts with one of the given roles: "name role v4suffix v6suffix" lines.
lab_hosts_with_role() { lab_hosts | awk -v roles=" $* " 'index(roles, " " $2 " ") > 0'; }

# A sed script that replaces @@V4:name@@ and @@V6:name@@ with the lab's addresses.
lab_address_sed() {
  local name role v4 v6
  while read -r name role v4 v6 _; do
    [ "$v4" != "-" ] && printf 's/@@V4:%s@@/%s/g\n' "$name" "$LAB_V4_NET.$v4"
    [ "$v6" != "-" ] && printf 's/@@V6:%s@@/%s/g\n' "$name" "$LAB_V6_NET:$v6"
  done < <(lab_hosts)
  printf 's/@@INSTANCE@@/%s/g\n' "$LAB_INSTANCE"
  printf 's|@@STATE@@|%s|g\n' "$LAB_STATE"
  # Certificate digests for TLSA records (lib/tlslab.sh), when that part is loaded.
  if declare -F lab_certificate_sed >/dev/null; then lab_certificate_sed; fi
  # Large generated zone data (lib/hostile.sh), when that part is loaded.
  if declare -F lab_hostile_sed >/dev/null; then lab_hostile_sed; fi
}

# Waits until a command succeeds, at most N tenths of a second.
lab_wait() {
  local tenths=$1; shift
  for _ in $(seq "$tenths"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

lab_pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Stops the process a pid file names (TERM, then waits up to 5 s for it to go) and removes the file.
lab_stop_pidfile() {
  local pidfile=${1:?lab_stop_pidfile FILE}
  if lab_pid_alive "$pidfile"; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    lab_wait 50 bash -c "! kill -0 $(cat "$pidfile") 2>/dev/null"
  fi
  rm -f "$pidfile"
}

# Builds the lab's own servers (deploy/lab/LabServers) into DIR, DIR/LabServers.dll to run; the
# build's output goes to DIR/build.log. The lab's servers and the synthetic TLD's delay relay
# are the same program, each started from its own DIR.
lab_build_labservers() {
  local dir=${1:?lab_build_labservers DIR}
  mkdir -p "$dir"
  DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet build "$LAB_DIR/LabServers/LabServers.csproj" -c Release \
    -o "$dir" --nologo -v quiet -clp:ErrorsOnly >"$dir/build.log" 2>&1 \
    || lab_die "LabServers did not build; see $dir/build.log"
}
