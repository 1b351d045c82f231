# Installs the Debian packages the lab needs, when they are missing.
# shellcheck shell=bash

LAB_PACKAGES=(
  knot knot-dnsutils      # authoritative DNS (knotd, keymgr, knotc, kdig)
  bind9-dnsutils          # delv: the reference validator the tests compare with
  ldnsutils               # ldns-signzone / ldns-keygen for hand-broken zones
  unbound                 # the recursive resolver the scanner uses
  postfix                 # real MTAs with STARTTLS
  openssl ca-certificates # lab CA and certificates
  iproute2                # lab addresses on lo
  strace                  # proves in a test which addresses the scanner contacts
  spf-tools-perl          # spfquery: the SPF referee of the lab tests
  opendmarc               # opendmarc-check: the DMARC referee of the lab tests
  publicsuffix            # the Public Suffix List the scanner reads (it has a built-in copy too)
  stayrtr                 # RTR cache serving the lab VRPs (stayrtr, and rtrdump as a referee)
  rtr-tools               # rtrlib's RTR client and validator (rpki-rov): the benchmark's peer
  sslscan                 # referee of the TLS enumeration (agreement test)
  testssl.sh              # second referee, for the STARTTLS benchmark only (slow)
  time                    # /usr/bin/time: the hostile-server tests read a scan's peak memory from it
  jq                      # deploy/lab/report-snapshot normalises reports with it
  redis-server            # the cluster's batch state, cache and politeness limits (deploy/lab/cluster)
  rabbitmq-server         # the cluster's probe queues (deploy/lab/cluster)
  python3-grpcio python3-grpc-tools  # the Python gRPC client of docs/API.md and its test (stubs from protos/)
  curl                    # docs/INTERNETNL-REST.md's curl calls of the batch REST API, run by its test
  prometheus              # scrapes a lab cluster in a test; promtool checks and unit-tests deploy/prometheus/alerts.yml
  chromium fonts-dejavu-core  # headless browser of the web page and survey report tests (DOM, axe-core, screenshots)
)

lab_install_packages() {
  local missing=()
  for package in "${LAB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || lab_die "packages missing (${missing[*]}) and not root to install them"
  lab_log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -q -y -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  if ! "${apt[@]}" install --no-install-recommends "${missing[@]}" >"$LAB_STATE/apt.log" 2>&1; then
    lab_log "package lists are stale; running apt-get update"
    "${apt[@]}" update >>"$LAB_STATE/apt.log" 2>&1 || lab_die "apt-get update failed; see $LAB_STATE/apt.log"
    "${apt[@]}" install --no-install-recommends "${missing[@]}" >>"$LAB_STATE/apt.log" 2>&1 \
      || lab_die "apt-get install failed; see $LAB_STATE/apt.log"
  fi
}
