#!/usr/bin/env bash
# Lints the OpenAPI document the API serves (GET /openapi/v1.json) with Redocly CLI's recommended rules;
# any error fails. Starts the already built API (Debug unless SCHEDULER_CONFIGURATION says otherwise) on a
# free loopback port, with a throwaway SQLite file and silo ports of its own, and stops exactly that process.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

configuration="${SCHEDULER_CONFIGURATION:-Debug}"
redocly="@redocly/cli@${REDOCLY_CLI_VERSION:-2.77.0}"

free_port() {
    local port
    while true; do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

work="$(mktemp -d)"
pid=""
cleanup() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

port="$(free_port)"
# Production, as deployed: operator routes need token settings (any key will do; no token is minted here).
Authentication__Schemes__Bearer__ValidIssuer=openapi-lint \
Authentication__Schemes__Bearer__ValidAudiences__0=scheduler \
Authentication__Schemes__Bearer__SigningKeys__0__Issuer=openapi-lint \
Authentication__Schemes__Bearer__SigningKeys__0__Value="$(head -c 32 /dev/urandom | base64)" \
ASPNETCORE_URLS="http://127.0.0.1:$port" \
Scheduler__Storage__ConnectionString="Data Source=$work/scheduler.db" \
Scheduler__ClusterId="openapi-lint-$port" \
Scheduler__Silo__SiloPort="$(free_port)" \
Scheduler__Silo__GatewayPort="$(free_port)" \
Scheduler__Seed__Enabled=false \
    dotnet "src/Scheduler.Api/bin/$configuration/net10.0/Scheduler.Api.dll" >"$work/api.log" 2>&1 &
pid=$!

listening=""
for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        listening=yes
        break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        break
    fi
    sleep 0.5
done
if [[ -z "$listening" ]]; then
    echo "openapi: the API did not listen on port $port:" >&2
    cat "$work/api.log" >&2
    exit 1
fi

# bash's /dev/tcp: no curl needed.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /openapi/v1.json HTTP/1.0\r\nHost: localhost\r\nAccept: application/json\r\n\r\n' >&3
sed '1,/^\r$/d' <&3 >"$work/openapi.json"
exec 3<&-

npx --yes "$redocly" lint "$work/openapi.json"
echo "openapi: /openapi/v1.json passes redocly lint"
