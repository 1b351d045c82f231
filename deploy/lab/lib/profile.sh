# Writes lab.json: the scanner's settings for the lab (--profile deploy/lab/lab.json).
# shellcheck shell=bash

lab_write_profile() {
  cat >"$LAB_DIR/lab.json" <<JSON
{
  "Dns": {
    "Resolvers": [ "$(lab_v4 resolver):53" ],
    "TrustAnchorFile": "$LAB_STATE/dns/root.key",
    "QueryTimeout": "00:00:02",
    "Retries": 1
  },
  "Tls": {
    "ExtraRootFile": "$LAB_STATE/tls/ca.crt"
  },
  "Rpki": {
    "VrpsFile": "$LAB_STATE/rpki/vrps.json",
    "RouteOriginsFile": "$LAB_STATE/rpki/pfx2as.txt"
  },
  "Targets": {
    "AllowNetworks": [ "$LAB_V4_CIDR", "$LAB_V6_CIDR" ]
  },
  "Smtp": {
    "Port": 25,
    "EhloName": "scanner.lab.test",
    "ConnectTimeout": "00:00:05",
    "BannerTimeout": "00:00:10",
    "CommandTimeout": "00:00:10",
    "MinConnectionSpacing": "00:00:00.050",
    "RetryDelay": "00:00:01",
    "StrictServerBudget": "00:00:05"
  }
}
JSON
}
