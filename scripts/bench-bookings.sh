#!/usr/bin/env bash
# Durable bookings per second with wrk: starts the scheduler (Release build) on its embedded SQLite default or on
# PostgreSQL, raises the hot office's counters over the whole booking window through the operator API (so seats
# never run out), then lets wrk book a new applicant per request, spread over the open days.
#   scripts/bench-bookings.sh [--pg CONNSTRING] [--connections 64] [--duration 20s] [--threads 2] [--rounds 2]
#                             [--days N] [--restart] [--build DIR]
# Prints wrk's own report, with 201s counted apart from every other answer, for each round (a round books on
# days that earlier rounds filled, so a later round shows whether cost grows with the bookings already held).
# --days N books only the first N open days (each holds 18,000 seats: 36 slots of 20 min x 500 counters).
# --restart then reports the scheduler's resident memory, restarts it on the same database, lets the office
# rebuild its board (which activates every day), and reports each day's activation time and the memory after.
# --build DIR runs the Scheduler.Api.dll in DIR instead of building this checkout (to alternate two builds, A/B).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pg="" build="" connections=64 duration=20s threads=2 rounds=2 port=5181 office=lim-brena counters=500 limit=0 restart=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --pg) pg="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --days) limit="$2"; shift 2 ;;
        --restart) restart=1; shift ;;
        --build) build="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "bench-bookings: wrk is required (apt-get install wrk)" >&2; exit 2; }

work="$(mktemp -d /tmp/bench-bookings.XXXXXX)"
key="$(head -c 32 /dev/urandom | base64)"
export Authentication__Schemes__Bearer__ValidIssuer=bench Authentication__Schemes__Bearer__ValidAudiences__0=scheduler
export Authentication__Schemes__Bearer__SigningKeys__0__Issuer=bench Authentication__Schemes__Bearer__SigningKeys__0__Value="$key"
# A raw benchmark from one client: the abuse limits per address and per document are off, and so is the waiting room
# that would switch itself on past its booking-rate threshold (what is measured is the back end, not the admission rate).
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Scheduler__Limits__Enabled=false
export Scheduler__Admission__AutoOnBookingsPerSecond=0
export Scheduler__ServiceId="bench-$(date +%s)" Scheduler__Silo__SiloPort=$((port + 10000)) Scheduler__Silo__GatewayPort=$((port + 20000))
if [[ -n "$pg" ]]; then
    export Scheduler__Storage__Provider=PostgreSql Scheduler__Storage__ConnectionString="$pg"
else
    export Scheduler__Storage__Provider=Sqlite Scheduler__Storage__ConnectionString="Data Source=$work/scheduler.db"
fi

if [[ -z "$build" ]]; then
    dotnet build -c Release src/Scheduler.Api -v q -nologo >/dev/null
    build=src/Scheduler.Api/bin/Release/net10.0
fi
host="" host_env=()
start_host() {
    env "${host_env[@]}" dotnet "$build/Scheduler.Api.dll" --urls "http://127.0.0.1:$port" >>"$work/host.log" 2>&1 &
    host=$!
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return 0
        sleep 1
    done
    echo "the scheduler did not become ready; see $work/host.log" >&2
    exit 1
}
# User plus system CPU ticks the scheduler has used (fields 14 and 15 of /proc/PID/stat; the name in field 2 has no spaces).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$host/stat"; }
rss_mib() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$host/status"; }
trap 'kill $host 2>/dev/null || true; wait $host 2>/dev/null || true' EXIT
start_host

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
if [[ "$limit" -gt 0 ]]; then
    days="$(tr ',' '\n' <<<"$days" | head -n "$limit" | paste -sd,)"
fi
echo "bench-bookings: $office at $counters counters 07:00-19:00, $(tr ',' '\n' <<<"$days" | wc -l) open days; storage ${Scheduler__Storage__Provider}; wrk -t$threads -c$connections -d$duration"
for round in $(seq 1 "$rounds"); do
    echo "--- round $round"
    before="$(cpu_ticks)"
    DAYS="$days" OFFICE="$office" SERIES="$round" wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s -s load-tests/wrk/booking.lua "http://127.0.0.1:$port" \
        | tee "$work/round.txt"
    used=$(( $(cpu_ticks) - before ))
    booked="$(sed -n 's/^durable bookings (201): \([0-9]*\) .*/\1/p' "$work/round.txt")"
    # CPU per booking holds still when other work shares the cores (the rate does not): what the scheduler spends on one.
    echo "scheduler CPU: $(awk -v t="$used" -v hz="$(getconf CLK_TCK)" -v n="${booked:-0}" \
        'BEGIN { s = t / hz; printf "%.1f s, %.0f us per durable booking", s, (n > 0 ? s * 1e6 / n : 0) }')"
    echo "scheduler RSS after round $round: $(rss_mib) MiB"
done
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^scheduler_journal_rows_per_transaction_(sum|count)' || true
if [[ "$restart" -eq 1 ]]; then
    booked="$(curl -sf "http://127.0.0.1:$port/api/v1/admin/utilization?procedure=cpp-biometrics&from=$from&to=$to" -H "Authorization: Bearer $token" \
        | python3 -c 'import json,sys; print(sum(o["booked"] for o in json.load(sys.stdin)["offices"]))')"
    echo "--- $booked appointments held; scheduler RSS $(rss_mib) MiB"
    kill "$host"; wait "$host" 2>/dev/null || true
    # (A name with dots: not a shell variable, so it goes through env.)
    host_env=("Logging__LogLevel__Scheduler.Grains.Grains.DayInventoryGrain=Debug")
    : >"$work/host.log"
    start_host
    # The office rebuilds its board by asking every day of the window, which activates them all.
    curl -sf "http://127.0.0.1:$port/api/v1/offices/$office/availability?procedure=cpp-biometrics&from=$from&to=$to" >/dev/null
    sleep 10
    echo "--- after a restart, $office's board rebuilt; scheduler RSS $(rss_mib) MiB; the largest day activations:"
    grep -o "Day $office/cpp-biometrics/[0-9-]* activated with [0-9]* records.* in [0-9.]* ms" "$work/host.log" \
        | sort -t' ' -k5,5nr | head -n 5
fi
