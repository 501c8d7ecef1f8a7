#!/usr/bin/env bash
# Availability reads per second with wrk, one front door: builds and starts the Release API of a checkout (this one, or
# the directory given, e.g. a worktree of an older commit for an A/B) on its embedded SQLite default, in Production,
# abuse limits off, then GETs lim-brena's 14-day availability with 64 connections: 10 s warm-up, 10 s measured.
#   scripts/bench-availability.sh [CHECKOUT]
set -euo pipefail
repo="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)"; port=5191
command -v wrk >/dev/null || { echo "bench-availability: wrk is required (apt-get install wrk)" >&2; exit 2; }
work="$(mktemp -d)"; key="$(head -c 32 /dev/urandom | base64)"
export Authentication__Schemes__Bearer__ValidIssuer=bench Authentication__Schemes__Bearer__ValidAudiences__0=scheduler
export Authentication__Schemes__Bearer__SigningKeys__0__Issuer=bench Authentication__Schemes__Bearer__SigningKeys__0__Value="$key"
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Scheduler__Limits__Enabled=false
export Scheduler__ServiceId="avail-$(date +%s)" Scheduler__Silo__SiloPort=$((port + 10000)) Scheduler__Silo__GatewayPort=$((port + 20000))
export Scheduler__Storage__Provider=Sqlite Scheduler__Storage__ConnectionString="Data Source=$work/scheduler.db"
(cd "$repo" && dotnet build -c Release src/Scheduler.Api -v q -nologo >/dev/null)
dotnet "$repo/src/Scheduler.Api/bin/Release/net10.0/Scheduler.Api.dll" --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1 &
host=$!; trap 'kill $host 2>/dev/null || true; wait $host 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the scheduler did not become ready; see $work/host.log" >&2; exit 1; }
from="$(TZ=America/Lima date -d tomorrow +%F)"; to="$(TZ=America/Lima date -d '+14 days' +%F)"
url="http://127.0.0.1:$port/api/v1/offices/lim-brena/availability?procedure=cpp-biometrics&from=$from&to=$to"
wrk -t1 -c64 -d10s "$url" >/dev/null
wrk -t1 -c64 -d10s "$url" | grep -E "Requests/sec|Latency|Non-2xx"
