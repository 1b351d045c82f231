#!/usr/bin/env bash
# Builds everything, brings the lab up (installing the Debian packages it needs) and runs every
# test: unit tests and the integration tests against the lab's real servers (with the cluster
# part: Redis, RabbitMQ and the synthetic TLD). The lab is left up for the next run;
# deploy/lab/down stops it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

started=$(date +%s)
deploy/lab/up
deploy/lab/cluster up 300   # a few hundred synthetic domains keep the cluster tests within minutes
# The offline validators of docker-compose.yml and k8s/ (tests/MailScan.Deploy.Tests).
npm install --prefix deploy/validate --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null
# The Node clients (tests/MailScan.Lab.Tests/Clients): gRPC of docs/API.md, with the document's own line,
# and the batch REST client of docs/INTERNETNL-REST.md (built from and checked by our OpenAPI document).
npm install --prefix deploy/clients --no-package-lock --no-audit --no-fund >/dev/null 2>&1 \
  || { echo "test.sh: npm install --prefix deploy/clients failed" >&2; exit 1; }
# axe-core, the accessibility check the browser tests run in Chromium (tests/MailScan.Lab.Tests/Browser).
npm install --prefix deploy/browser --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null
dotnet build MailScanCluster.sln -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet test MailScanCluster.sln -c Release --no-build --nologo -v quiet --logger "console;verbosity=minimal"
echo "test.sh: all tests passed in $(($(date +%s) - started)) s (the lab is still up; deploy/lab/down stops it)"
