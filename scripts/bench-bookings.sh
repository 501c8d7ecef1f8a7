#!/usr/bin/env bash
# Durable bookings per second with wrk: starts the scheduler (Release build) on its embedded SQLite default or on
# PostgreSQL, raises the hot office's counters over the whole booking window through the operator API (so seats
# never run out), then lets wrk book a new applicant per request, spread over the open days.
#   scripts/bench-bookings.sh [--pg CONNSTRING] [--connections 64] [--duration 20s] [--threads 2] [--rounds 2]
# Prints wrk's own report, with 201s counted apart from every other answer, for each round (a round books on
# days that earlier rounds filled, so a later round shows whether cost grows with the bookings already held).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pg="" connections=64 duration=20s threads=2 rounds=2 port=5181 office=lim-brena counters=500
while [[ $# -gt 0 ]]; do
    case "$1" in
        --pg) pg="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "bench-bookings: wrk is required (apt-get install wrk)" >&2; exit 2; }

work="$(mktemp -d /tmp/bench-bookings.XXXXXX)"
key="$(head -c 32 /dev/urandom | base64)"
export Authentication__Schemes__Bearer__ValidIssuer=bench Authentication__Schemes__Bearer__ValidAudiences__0=scheduler
export Authentication__Schemes__Bearer__SigningKeys__0__Issuer=bench Authentication__Schemes__Bearer__SigningKeys__0__Value="$key"
# A raw benchmark from one client: the abuse limits per address and per document are off.
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Scheduler__Limits__Enabled=false
export Scheduler__ServiceId="bench-$(date +%s)" Scheduler__Silo__SiloPort=$((port + 10000)) Scheduler__Silo__GatewayPort=$((port + 20000))
if [[ -n "$pg" ]]; then
    export Scheduler__Storage__Provider=PostgreSql Scheduler__Storage__ConnectionString="$pg"
else
    export Scheduler__Storage__Provider=Sqlite Scheduler__Storage__ConnectionString="Data Source=$work/scheduler.db"
fi

dotnet build -c Release src/Scheduler.Api -v q -nologo >/dev/null
dotnet src/Scheduler.Api/bin/Release/net10.0/Scheduler.Api.dll --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null || true; wait $host 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    sleep 1
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the scheduler did not become ready; see $work/host.log" >&2; exit 1; }

token="$(python3 - "$key" <<'PY'
import base64, hashlib, hmac, json, sys, time
key = base64.b64decode(sys.argv[1])
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
now = int(time.time())
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
body = b64(json.dumps({"iss": "bench", "aud": "scheduler", "sub": "bench", "role": "operator", "nbf": now - 5, "iat": now, "exp": now + 3600}).encode())
sig = b64(hmac.new(key, f"{head}.{body}".encode(), hashlib.sha256).digest())
print(f"{head}.{body}.{sig}")
PY
)"
from="$(TZ=America/Lima date -d tomorrow +%F)"
to="$(TZ=America/Lima date -d '+56 days' +%F)"
curl -sf -X PUT "http://127.0.0.1:$port/api/v1/admin/offices/$office/capacity" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"procedure\":\"cpp-biometrics\",\"from\":\"$from\",\"to\":\"$to\",\"open\":\"07:00\",\"close\":\"19:00\",\"counters\":$counters,\"reason\":\"benchmark\"}" \
    -o "$work/capacity.json"
days="$(curl -sf "http://127.0.0.1:$port/api/v1/offices/$office/availability?procedure=cpp-biometrics&from=$from&to=$to" \
    | python3 -c 'import json,sys; print(",".join(d["date"] for d in json.load(sys.stdin)["days"]))')"
echo "bench-bookings: $office at $counters counters 07:00-19:00, $(tr ',' '\n' <<<"$days" | wc -l) open days; storage ${Scheduler__Storage__Provider}; wrk -t$threads -c$connections -d$duration"
for round in $(seq 1 "$rounds"); do
    echo "--- round $round"
    DAYS="$days" OFFICE="$office" SERIES="$round" wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s -s load-tests/wrk/booking.lua "http://127.0.0.1:$port"
done
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^scheduler_journal_rows_per_transaction_(sum|count)' || true
