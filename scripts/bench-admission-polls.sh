#!/usr/bin/env bash
# Waiting-room polls per second with wrk, one front door, for a small room and a full one (does a poll cost more when
# more people wait?): starts the Release API on its embedded SQLite default, in Production, abuse limits off,
# switches admission on for cpp-biometrics with the opening a day away (so everyone waits and every answer computes
# a position), takes TICKETS places with wrk (POST /api/v1/admission), then polls random tickets with 64 connections:
# 10 s warm-up, 10 s measured. Run it twice: scripts/bench-admission-polls.sh 200 and scripts/bench-admission-polls.sh 20000.
#   scripts/bench-admission-polls.sh [TICKETS] [POLL_CACHE]      (POLL_CACHE: Scheduler:Admission:PollCache, default 00:00:00.500)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"; port=5193; tickets="${1:-20000}"; cache="${2:-00:00:00.500}"
command -v wrk >/dev/null || { echo "bench-admission-polls: wrk is required (apt-get install wrk)" >&2; exit 2; }
work="$(mktemp -d)"; key="$(head -c 32 /dev/urandom | base64)"
export Authentication__Schemes__Bearer__ValidIssuer=bench Authentication__Schemes__Bearer__ValidAudiences__0=scheduler
export Authentication__Schemes__Bearer__SigningKeys__0__Issuer=bench Authentication__Schemes__Bearer__SigningKeys__0__Value="$key"
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Scheduler__Limits__Enabled=false
export Scheduler__Admission__ChallengeAboveWaiting=1000000000 Scheduler__Admission__PollCache="$cache"
export Scheduler__ServiceId="polls-$(date +%s)" Scheduler__Silo__SiloPort=$((port + 10000)) Scheduler__Silo__GatewayPort=$((port + 20000))
export Scheduler__Storage__Provider=Sqlite Scheduler__Storage__ConnectionString="Data Source=$work/scheduler.db"
# wrk sends from one address: room for all its tickets without a challenge.
export Scheduler__Admission__FreeTicketsPerMinutePerAddress=1000000
(cd "$repo" && dotnet build -c Release src/Scheduler.Api -v q -nologo >/dev/null)
dotnet "$repo/src/Scheduler.Api/bin/Release/net10.0/Scheduler.Api.dll" --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1 &
host=$!; trap 'kill $host 2>/dev/null || true; wait $host 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the scheduler did not become ready:" >&2; grep -m3 -E "Exception|error" "$work/host.log" >&2; exit 1; }

# An operator token (HS256, the key above).
b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header="$(printf '{"alg":"HS256","typ":"JWT"}' | b64)"
payload="$(printf '{"sub":"bench","role":"operator","iss":"bench","aud":"scheduler","exp":%s}' $(( $(date +%s) + 3600 )) | b64)"
signature="$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(printf '%s' "$key" | base64 -d | xxd -p -c 256)" -binary | b64)"
opening="$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)"
curl -s -X PUT "http://127.0.0.1:$port/api/v1/admin/procedures/cpp-biometrics/admission" -H "Authorization: Bearer $header.$payload.$signature" \
  -H "Content-Type: application/json" -d "{\"enabled\":true,\"openingAt\":\"$opening\",\"admitPerSecond\":1}" -w " %{http_code}\n"

cat >"$work/join.lua" <<LUA
wrk.method = "POST"; wrk.body = '{"procedure":"cpp-biometrics"}'; wrk.headers["Content-Type"] = "application/json"
local out = io.open("$work/tickets.txt", "a"); local left = $tickets
request = function() return wrk.format() end
response = function(status, headers, body)
  if status == 201 and left > 0 then out:write(body:match('"ticket":"([^"]+)"') .. "\n"); out:flush(); left = left - 1 end
end
LUA
while [ "$(wc -l <"$work/tickets.txt" 2>/dev/null || echo 0)" -lt "$tickets" ]; do
  wrk -t1 -c16 -d2s -s "$work/join.lua" "http://127.0.0.1:$port/api/v1/admission" >/dev/null
done
cat >"$work/poll.lua" <<LUA
local tickets = {}; for line in io.lines("$work/tickets.txt") do tickets[#tickets + 1] = line end
math.randomseed(os.time())
request = function() return wrk.format("GET", "/api/v1/admission/" .. tickets[math.random(#tickets)]) end
LUA
sleep 2
echo "tickets waiting: $(wc -l <"$work/tickets.txt"); a poll: $(curl -s "http://127.0.0.1:$port/api/v1/admission/$(head -1 "$work/tickets.txt")")"
wrk -t1 -c64 -d10s -s "$work/poll.lua" "http://127.0.0.1:$port" >/dev/null
wrk -t1 -c64 -d10s -s "$work/poll.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|Non-2xx"
