#!/usr/bin/env bash
# Runs the cluster topology (PostgreSQL, N silos, M API front doors) as plain processes.
#
#   scripts/cluster.sh up [--silos N] [--apis M] [--build]   start everything, wait until ready
#   scripts/cluster.sh down [--keep-db]                      stop what "up" started, then PostgreSQL
#   scripts/cluster.sh status                                processes and health (exit 1 if not all ready)
#   scripts/cluster.sh logs [NAME] [-f] [-n LINES]           tail logs (NAME: silo0, api1, pg, ...)
#   scripts/cluster.sh kill-silo K | kill-api J              kill -9 one process (fault tests)
#   scripts/cluster.sh start-silo K | start-api J            (re)start one process, wait until ready
#
# Silos and APIs are numbered from 0. Silo K listens on SILO_PORT_BASE+K (Orleans silo-to-silo),
# GATEWAY_PORT_BASE+K (Orleans clients) and SILO_HTTP_PORT_BASE+K (/health, /metrics);
# API J on API_PORT_BASE+J. See usage() for the environment overrides and docs/cluster.md.
#
# Every process it starts is recorded in $SCHEDULER_CLUSTER_DIR/pids/NAME.pid together with the
# process start time, so "down" and "kill-*" only ever signal a process this script started.
set -euo pipefail
set +m # no job control: background children must stay in our process group (see start_process)

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pg_script="$repo_root/scripts/pg.sh"

cluster_dir="${SCHEDULER_CLUSTER_DIR:-$repo_root/.cluster}"
pid_dir="$cluster_dir/pids"
log_dir="$cluster_dir/logs"
app_dir="$cluster_dir/app"
settings_file="$cluster_dir/cluster.env"
# Present while PostgreSQL runs because this script started it; absent when "up" found it already
# running (someone else's), in which case "down" leaves it alone.
pg_owner_file="$cluster_dir/pg.started-by-cluster"
# The cluster's PostgreSQL lives next to the rest of its state unless told otherwise.
export SCHEDULER_PG_DIR="${SCHEDULER_PG_DIR:-$cluster_dir/pg}"

configuration="${SCHEDULER_CLUSTER_CONFIGURATION:-Release}"
ready_timeout="${SCHEDULER_CLUSTER_READY_TIMEOUT:-180}"
stop_timeout="${SCHEDULER_CLUSTER_STOP_TIMEOUT:-30}"
host="127.0.0.1"

log() { printf 'cluster.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    cat <<'EOF'
usage: scripts/cluster.sh COMMAND [options]

commands:
  up [--silos N] [--apis M] [--build] [--keep-db]
                     start PostgreSQL (scripts/pg.sh), N silos (default 3), M API front doors in
                     Client mode (default 2); wait until every /health/ready answers 200.
                     --build runs "dotnet build -c Release" first (also done when no build exists).
                     On failure everything it started is stopped again (--keep-db keeps PostgreSQL).
  down [--keep-db]   stop every recorded process, then PostgreSQL unless --keep-db
  status             list processes with health; exit 0 only when everything is running and ready
  logs [NAME] [-f] [-n LINES]
                     last lines of every log, or of one (silo0, api1, pg); -f follows
  kill-silo K        kill -9 silo K (numbered from 0); kill-api J likewise
  start-silo K       start silo K (again) with the cluster's settings; start-api J likewise
  token [NAME]       print an operator token (role operator, 1 hour) the front doors accept: they trust a
                     signing key made for this cluster dir ($SCHEDULER_CLUSTER_DIR/operator-signing.key)
                     unless Authentication__Schemes__Bearer__* is set in the environment

environment (defaults in brackets):
  SCHEDULER_CLUSTER_DIR            state, pids, logs [<repo>/.cluster]
  SCHEDULER_SILO_PORT_BASE         silo K listens on BASE+K [11111]
  SCHEDULER_GATEWAY_PORT_BASE      silo K gateway on BASE+K [30000]
  SCHEDULER_SILO_HTTP_PORT_BASE    silo K HTTP (/health, /metrics) on BASE+K [5180]
  SCHEDULER_API_PORT_BASE          API J on BASE+J [5080]
  SCHEDULER_SILOS, SCHEDULER_APIS  counts when --silos/--apis are not given [3, 2]
  SCHEDULER_CLUSTER_READY_TIMEOUT  seconds to wait for readiness, per phase [180]
  SCHEDULER_CLUSTER_STOP_TIMEOUT   seconds to wait for a graceful stop before kill -9 [30]
  SCHEDULER_CLUSTER_CONFIGURATION  build configuration [Release]
  SCHEDULER_PG_PORT, SCHEDULER_PG_DIR  passed to scripts/pg.sh [55432, $SCHEDULER_CLUSTER_DIR/pg]
  Scheduler__ServiceId, Scheduler__ClusterId, Scheduler__Seed__*, OTEL_EXPORTER_OTLP_ENDPOINT, ...
                                   inherited by every process
EOF
}

# ---------------------------------------------------------------------------------------------
# Settings shared by every command. "up" records them so that later commands (start-silo, status)
# use the ports the running cluster was started with even when the environment differs.

default_settings() {
    silo_port_base="${SCHEDULER_SILO_PORT_BASE:-11111}"
    gateway_port_base="${SCHEDULER_GATEWAY_PORT_BASE:-30000}"
    silo_http_port_base="${SCHEDULER_SILO_HTTP_PORT_BASE:-5180}"
    api_port_base="${SCHEDULER_API_PORT_BASE:-5080}"
    silo_count="${SCHEDULER_SILOS:-3}"
    api_count="${SCHEDULER_APIS:-2}"
    pg_url=""
}

load_settings() {
    default_settings
    if [[ -f "$settings_file" ]]; then
        # shellcheck source=/dev/null
        source "$settings_file"
    fi
}

save_settings() {
    mkdir -p "$cluster_dir"
    {
        printf 'silo_port_base=%q\n' "$silo_port_base"
        printf 'gateway_port_base=%q\n' "$gateway_port_base"
        printf 'silo_http_port_base=%q\n' "$silo_http_port_base"
        printf 'api_port_base=%q\n' "$api_port_base"
        printf 'silo_count=%q\n' "$silo_count"
        printf 'api_count=%q\n' "$api_count"
        printf 'pg_url=%q\n' "$pg_url"
        printf 'export SCHEDULER_PG_PORT=%q\n' "${SCHEDULER_PG_PORT:-55432}"
        printf 'export SCHEDULER_PG_DIR=%q\n' "$SCHEDULER_PG_DIR"
    } >"$settings_file"
}

# The connection string every process gets: scripts/pg.sh's, made to fail fast while PostgreSQL is
# down (3 s to connect or to wait for a pooled connection, 5 s per command, instead of Npgsql's 15 s
# and 30 s, so requests end as 503s well inside the 10 s grain-call timeout), with pools small enough
# that silos and front doors together stay under max_connections.
cluster_connection_string() {
    local part kept=""
    local -a parts
    IFS=';' read -r -a parts <<<"$("$pg_script" url)"
    for part in "${parts[@]}"; do
        case "${part%%=*}" in
            "" | "Maximum Pool Size" | Timeout | "Command Timeout") ;;
            *) kept+="$part;" ;;
        esac
    done
    printf '%sMaximum Pool Size=20;Timeout=3;Command Timeout=5\n' "$kept"
}

require_number() {
    [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be a non-negative integer, got '$2'"
}

# ---------------------------------------------------------------------------------------------
# Process records. A record is NAME.pid holding key=value lines: pid, role, index, ports, the
# process start time (field 22 of /proc/PID/stat) and the dll it runs.

pid_file() { printf '%s/%s.pid\n' "$pid_dir" "$1"; }

record_value() {
    local file="$1" key="$2" line
    while IFS= read -r line; do
        if [[ "$line" == "$key="* ]]; then
            printf '%s\n' "${line#*=}"
            return 0
        fi
    done <"$file"
    return 1
}

# Prints "STATE STARTTIME" for a pid, or fails when it does not exist.
proc_state() {
    local stat rest
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    rest="${stat##*) }"   # the command name may contain spaces; fields follow the last ')'
    # shellcheck disable=SC2086
    set -- $rest
    printf '%s %s\n' "$1" "${20}"
}

# True when the recorded process still runs and still is the process we started.
record_alive() {
    local file="$1" pid start state now_start dll
    [[ -f "$file" ]] || return 1
    pid="$(record_value "$file" pid)" || return 1
    start="$(record_value "$file" start_time)" || return 1
    dll="$(record_value "$file" dll)" || return 1
    read -r state now_start < <(proc_state "$pid") || return 1
    [[ "$state" != "Z" && "$now_start" == "$start" ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dll"
}

all_records() {
    local file
    for file in "$pid_dir"/*.pid; do
        [[ -e "$file" ]] && printf '%s\n' "$file"
    done
    return 0
}

# Records sorted for display and shutdown: APIs first, then silos, each by index.
sorted_records() {
    local file
    while IFS= read -r file; do
        printf '%s %s %s\n' "$(record_value "$file" role)" "$(record_value "$file" index)" "$file"
    done < <(all_records) | sort -k1,1 -k2,2n | cut -d' ' -f3-
}

# ---------------------------------------------------------------------------------------------
# Building. The build output is copied to $cluster_dir/app so that a rebuild in the shared
# checkout never swaps assemblies under a running process.

project_output() {
    printf '%s/src/%s/bin/%s/net10.0\n' "$repo_root" "$1" "$configuration"
}

build_hosts() {
    local project
    for project in Scheduler.Silo Scheduler.Api; do
        log "building $project ($configuration)"
        dotnet build "$repo_root/src/$project/$project.csproj" -c "$configuration" -nologo -v q \
            >"$log_dir/build-$project.log" 2>&1 ||
            { tail -n 30 "$log_dir/build-$project.log" >&2; die "build of $project failed (log: $log_dir/build-$project.log)"; }
    done
}

snapshot_hosts() {
    local project target
    for project in Scheduler.Silo Scheduler.Api; do
        [[ -f "$(project_output "$project")/$project.dll" ]] ||
            die "$(project_output "$project")/$project.dll is missing; run with --build"
        target="$app_dir/$project"
        rm -rf "$target"
        mkdir -p "$target"
        cp -a "$(project_output "$project")/." "$target/"
    done
}

# ---------------------------------------------------------------------------------------------
# Starting and stopping one process.

port_in_use() {
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

# start_process ROLE INDEX: starts silo/api INDEX in the background and records it.
start_process() {
    local role="$1" index="$2" name http_port project dll file pid state start_time
    local -a env_vars
    name="$role$index"
    file="$(pid_file "$name")"
    if record_alive "$file"; then
        die "$name is already running (pid $(record_value "$file" pid))"
    fi
    [[ -n "$pg_url" ]] || die "no PostgreSQL connection string recorded; run 'up' first"

    env_vars=(
        "Scheduler__Storage__Provider=PostgreSql"
        "Scheduler__Storage__ConnectionString=$pg_url"
        "Scheduler__Clustering__Provider=AdoNet"
        "Scheduler__Clustering__ConnectionString=$pg_url"
        "OTEL_RESOURCE_ATTRIBUTES=service.instance.id=$name${OTEL_RESOURCE_ATTRIBUTES:+,$OTEL_RESOURCE_ATTRIBUTES}"
    )
    local -a ports
    if [[ "$role" == silo ]]; then
        project=Scheduler.Silo
        http_port=$((silo_http_port_base + index))
        ports=("$http_port" $((silo_port_base + index)) $((gateway_port_base + index)))
        env_vars+=(
            "Scheduler__Silo__SiloPort=$((silo_port_base + index))"
            "Scheduler__Silo__GatewayPort=$((gateway_port_base + index))"
            "Scheduler__Silo__AdvertisedAddress=$host"
        )
    else
        project=Scheduler.Api
        http_port=$((api_port_base + index))
        ports=("$http_port")
        env_vars+=("Scheduler__Api__Mode=Client")
        if [[ -z "${Authentication__Schemes__Bearer__SigningKeys__0__Value:-}" && -z "${Authentication__Schemes__Bearer__Authority:-}" ]]; then
            # Operator tokens: a signing key of this cluster's own ('token' mints with it), so that the operator
            # routes work here as they must in any deployment (a front door refuses to start without token settings).
            env_vars+=(
                "Authentication__Schemes__Bearer__ValidIssuer=scheduler-cluster"
                "Authentication__Schemes__Bearer__ValidAudiences__0=scheduler"
                "Authentication__Schemes__Bearer__SigningKeys__0__Issuer=scheduler-cluster"
                "Authentication__Schemes__Bearer__SigningKeys__0__Value=$(signing_key)"
            )
        fi
    fi

    local port
    for port in "${ports[@]}"; do
        if port_in_use "$port"; then
            die "port $port (for $name) is already in use: $(ss -Hltnp "sport = :$port" | head -n 1)"
        fi
    done

    dll="$app_dir/$project/$project.dll"
    [[ -f "$dll" ]] || die "$dll is missing; run 'up --build'"
    mkdir -p "$pid_dir" "$log_dir"
    printf '\n===== %s starting %s at %s =====\n' "$name" "$dll" "$(date -u +%FT%TZ)" >>"$log_dir/$name.log"

    # setsid: the process gets its own session, so neither a terminal's Ctrl-C nor the end of the
    # calling shell reaches it. setsid execs in place here (we are not a group leader), so $! is
    # the dotnet process itself. The content root is the app directory (appsettings.json).
    # --urls: the command line beats any ASPNETCORE_URLS or Urls the calling shell may export.
    (
        cd "$app_dir/$project"
        exec env "${env_vars[@]}" setsid dotnet "$dll" --urls "http://$host:$http_port" \
            </dev/null >>"$log_dir/$name.log" 2>&1
    ) &
    pid=$!

    # Wait for the exec chain to reach dotnet before taking its identity.
    local i
    for i in $(seq 1 50); do
        if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dll"; then
            break
        fi
        [[ -d "/proc/$pid" ]] || break
        sleep 0.1
    done
    read -r state start_time < <(proc_state "$pid") || die "$name exited immediately; see $log_dir/$name.log"
    [[ "$state" != Z ]] || die "$name exited immediately; see $log_dir/$name.log"

    {
        printf 'pid=%s\n' "$pid"
        printf 'name=%s\n' "$name"
        printf 'role=%s\n' "$role"
        printf 'index=%s\n' "$index"
        printf 'http_port=%s\n' "$http_port"
        if [[ "$role" == silo ]]; then
            printf 'silo_port=%s\n' $((silo_port_base + index))
            printf 'gateway_port=%s\n' $((gateway_port_base + index))
        fi
        printf 'start_time=%s\n' "$start_time"
        printf 'dll=%s\n' "$dll"
        printf 'log=%s\n' "$log_dir/$name.log"
        printf 'started_at=%s\n' "$(date -u +%FT%TZ)"
    } >"$file"
    log "started $name (pid $pid, http://$host:$http_port)"
}

# http_status PORT PATH: prints the HTTP status code, 000 when nothing answers.
http_status() {
    curl -s -o /dev/null -m 3 -w '%{http_code}' "http://$host:$1$2" 2>/dev/null || true
}

# wait_ready NAME...: waits until each one's /health/ready answers 200; fails fast if one dies.
wait_ready() {
    local deadline name file pending code
    deadline=$((SECONDS + ready_timeout))
    local -a waiting=("$@")
    while ((${#waiting[@]} > 0)); do
        pending=()
        for name in "${waiting[@]}"; do
            file="$(pid_file "$name")"
            if ! record_alive "$file"; then
                log "$name exited during start-up; last lines of $log_dir/$name.log:"
                tail -n 40 "$log_dir/$name.log" >&2 || true
                die "$name did not start"
            fi
            code="$(http_status "$(record_value "$file" http_port)" /health/ready)"
            if [[ "$code" == 200 ]]; then
                log "$name is ready"
            else
                pending+=("$name")
            fi
        done
        waiting=("${pending[@]+"${pending[@]}"}")
        ((${#waiting[@]} == 0)) && break
        if ((SECONDS >= deadline)); then
            for name in "${waiting[@]}"; do
                file="$(pid_file "$name")"
                log "$name: /health/ready on port $(record_value "$file" http_port) answered" \
                    "'$(http_status "$(record_value "$file" http_port)" /health/ready)'; last lines of its log:"
                tail -n 20 "$log_dir/$name.log" >&2 || true
            done
            die "timed out after ${ready_timeout}s waiting for: ${waiting[*]} (SCHEDULER_CLUSTER_READY_TIMEOUT)"
        fi
        sleep 1
    done
}

# stop_records SIGNAL FILE...: signals the live ones, waits, escalates to SIGKILL, drops records.
stop_records() {
    local file pid name deadline
    local -a live=()
    for file in "$@"; do
        name="$(record_value "$file" name || basename "$file" .pid)"
        if record_alive "$file"; then
            pid="$(record_value "$file" pid)"
            log "stopping $name (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
            live+=("$file")
        else
            log "$name is not running (stale record removed)"
            rm -f "$file"
        fi
    done
    deadline=$((SECONDS + stop_timeout))
    while ((${#live[@]} > 0)); do
        local -a still=()
        for file in "${live[@]}"; do
            if record_alive "$file"; then
                still+=("$file")
            else
                rm -f "$file"
            fi
        done
        live=("${still[@]+"${still[@]}"}")
        ((${#live[@]} == 0)) && break
        if ((SECONDS >= deadline)); then
            for file in "${live[@]}"; do
                if record_alive "$file"; then
                    log "$(record_value "$file" name) did not stop within ${stop_timeout}s; kill -9"
                    kill -KILL "$(record_value "$file" pid)" 2>/dev/null || true
                fi
                rm -f "$file"
            done
            break
        fi
        sleep 0.5
    done
}

# ---------------------------------------------------------------------------------------------
# Commands.

print_urls() {
    local i
    printf '\nCluster is ready.\n'
    printf '  PostgreSQL  %s\n' "$pg_url"
    for ((i = 0; i < silo_count; i++)); do
        printf '  silo%-2s      http://%s:%s  (silo %s, gateway %s)  /health/ready /metrics\n' "$i" "$host" \
            $((silo_http_port_base + i)) $((silo_port_base + i)) $((gateway_port_base + i))
    done
    for ((i = 0; i < api_count; i++)); do
        printf '  api%-2s       http://%s:%s\n' "$i" "$host" $((api_port_base + i))
    done
    printf 'Logs: %s   Stop: scripts/cluster.sh down\n' "$log_dir"
}

stop_all() {
    local keep_db="$1"
    local -a files=()
    mapfile -t files < <(sorted_records)
    if ((${#files[@]} > 0)); then
        # Front doors first, so no request reaches a silo that is going away.
        local -a apis=() silos=()
        local file
        for file in "${files[@]}"; do
            if [[ "$(record_value "$file" role)" == api ]]; then apis+=("$file"); else silos+=("$file"); fi
        done
        if ((${#apis[@]} > 0)); then stop_records "${apis[@]}"; fi
        if ((${#silos[@]} > 0)); then stop_records "${silos[@]}"; fi
    else
        log "no recorded processes"
    fi
    if [[ "$keep_db" == 1 ]]; then
        log "PostgreSQL left running (--keep-db)"
    elif [[ -f "$pg_owner_file" ]]; then
        "$pg_script" stop
        rm -f "$pg_owner_file"
    elif "$pg_script" status >/dev/null 2>&1; then
        log "PostgreSQL was already running before 'up' (not started by this script): left running"
    fi
}

up_failed_cleanup() {
    local status=$?
    if ((status != 0)); then
        log "start-up failed; stopping what was started (logs kept in $log_dir)"
        stop_all "$keep_db" || true
    fi
}

cmd_up() {
    local build=0 arg
    keep_db=0
    # Counts and ports come from the command line and environment, never from an old record.
    default_settings
    while (($# > 0)); do
        arg="$1"
        case "$arg" in
            --silos) [[ $# -ge 2 ]] || die "--silos needs a value"; silo_count="$2"; shift 2 ;;
            --silos=*) silo_count="${arg#*=}"; shift ;;
            --apis) [[ $# -ge 2 ]] || die "--apis needs a value"; api_count="$2"; shift 2 ;;
            --apis=*) api_count="${arg#*=}"; shift ;;
            --build) build=1; shift ;;
            --keep-db) keep_db=1; shift ;;
            -h | --help) usage; exit 0 ;;
            *) die "unknown option for up: $arg" ;;
        esac
    done
    require_number --silos "$silo_count"
    require_number --apis "$api_count"
    ((silo_count >= 1)) || die "--silos must be at least 1"
    local var
    for var in silo_port_base gateway_port_base silo_http_port_base api_port_base ready_timeout stop_timeout; do
        require_number "$var" "${!var}"
    done

    local file
    while IFS= read -r file; do
        if record_alive "$file"; then
            die "a cluster is already running from $cluster_dir ($(basename "$file" .pid) is up); run 'scripts/cluster.sh down' first"
        fi
        rm -f "$file"
    done < <(all_records)

    # Every port is checked before anything starts, so a clash fails in a second, not halfway.
    local i port
    local -a busy=()
    for ((i = 0; i < silo_count; i++)); do
        for port in $((silo_http_port_base + i)) $((silo_port_base + i)) $((gateway_port_base + i)); do
            port_in_use "$port" && busy+=("$port (silo$i)")
        done
    done
    for ((i = 0; i < api_count; i++)); do
        port=$((api_port_base + i))
        port_in_use "$port" && busy+=("$port (api$i)")
    done
    ((${#busy[@]} == 0)) || die "ports already in use: ${busy[*]}; choose other bases (see --help)"

    mkdir -p "$pid_dir" "$log_dir"
    command -v dotnet >/dev/null || die "dotnet is not on PATH"
    if [[ "$build" == 1 ]] ||
        [[ ! -f "$(project_output Scheduler.Silo)/Scheduler.Silo.dll" ]] ||
        [[ ! -f "$(project_output Scheduler.Api)/Scheduler.Api.dll" ]]; then
        build_hosts
    fi
    snapshot_hosts

    trap up_failed_cleanup EXIT
    trap 'exit 130' INT TERM
    if "$pg_script" status >/dev/null 2>&1; then
        [[ -f "$pg_owner_file" ]] ||
            log "PostgreSQL is already running (not started by this script): using it, 'down' will leave it running"
    else
        "$pg_script" start
        : >"$pg_owner_file"
    fi
    pg_url="$(cluster_connection_string)"
    save_settings

    # The first silo alone creates the schema and the cluster's first membership version;
    # the others then join in parallel.
    start_process silo 0
    wait_ready silo0
    local -a names=()
    for ((i = 1; i < silo_count; i++)); do
        start_process silo "$i"
        names+=("silo$i")
    done
    if ((${#names[@]} > 0)); then wait_ready "${names[@]}"; fi

    names=()
    for ((i = 0; i < api_count; i++)); do
        start_process api "$i"
        names+=("api$i")
    done
    if ((${#names[@]} > 0)); then wait_ready "${names[@]}"; fi

    trap - EXIT INT TERM
    print_urls
}

cmd_down() {
    local keep_db=0
    while (($# > 0)); do
        case "$1" in
            --keep-db) keep_db=1; shift ;;
            *) die "unknown option for down: $1" ;;
        esac
    done
    load_settings
    stop_all "$keep_db"
    rm -f "$settings_file"
}

cmd_status() {
    load_settings
    local file name pid state live ready ok=0
    printf '%-8s %-8s %-6s %-22s %-6s %s\n' NAME PID STATE 'PORTS(http/silo/gw)' LIVE READY
    while IFS= read -r file; do
        name="$(record_value "$file" name)"
        pid="$(record_value "$file" pid)"
        local ports
        ports="$(record_value "$file" http_port)"
        if [[ "$(record_value "$file" role)" == silo ]]; then
            ports="$ports/$(record_value "$file" silo_port)/$(record_value "$file" gateway_port)"
        fi
        if record_alive "$file"; then
            state=up
            live="$(http_status "$(record_value "$file" http_port)" /health/live)"
            ready="$(http_status "$(record_value "$file" http_port)" /health/ready)"
            [[ "$ready" == 200 ]] || ok=1
        else
            state=dead
            live=-
            ready=-
            ok=1
        fi
        printf '%-8s %-8s %-6s %-22s %-6s %s\n' "$name" "$pid" "$state" "$ports" "$live" "$ready"
    done < <(sorted_records)
    if [[ -z "$(all_records)" ]]; then
        printf '(no processes recorded in %s)\n' "$pid_dir"
        ok=1
    fi
    if "$pg_script" status 2>/dev/null; then
        printf 'postgresql: running (%s)\n' "${pg_url:-$("$pg_script" url)}"
    else
        printf 'postgresql: not running\n'
        ok=1
    fi
    return "$ok"
}

cmd_logs() {
    local follow=0 lines=50 name=""
    while (($# > 0)); do
        case "$1" in
            -f | --follow) follow=1; shift ;;
            -n) [[ $# -ge 2 ]] || die "-n needs a value"; lines="$2"; shift 2 ;;
            -*) die "unknown option for logs: $1" ;;
            *) name="$1"; shift ;;
        esac
    done
    require_number -n "$lines"
    local -a files=()
    if [[ -n "$name" ]]; then
        if [[ "$name" == pg ]]; then
            files=("$SCHEDULER_PG_DIR/log/server.log")
        else
            files=("$log_dir/$name.log")
        fi
        [[ -f "${files[0]}" ]] || die "no log ${files[0]}"
    else
        local f
        for f in "$log_dir"/*.log; do
            [[ -e "$f" ]] && files+=("$f")
        done
        ((${#files[@]} > 0)) || die "no logs in $log_dir"
    fi
    if [[ "$follow" == 1 ]]; then
        exec tail -n "$lines" -F "${files[@]}"
    fi
    tail -n "$lines" "${files[@]}"
}

cmd_kill() {
    local role="$1" index="${2:-}" file pid
    [[ -n "$index" ]] || die "usage: kill-$role INDEX"
    require_number "$role index" "$index"
    file="$(pid_file "$role$index")"
    [[ -f "$file" ]] || die "$role$index is not recorded in $pid_dir"
    record_alive "$file" || die "$role$index is not running"
    pid="$(record_value "$file" pid)"
    kill -KILL "$pid"
    local i
    for i in $(seq 1 100); do
        record_alive "$file" || break
        sleep 0.1
    done
    # The record stays so that status shows the hole and start-$role can fill it.
    log "killed $role$index (pid $pid) with SIGKILL"
}

cmd_start() {
    local role="$1" index="${2:-}"
    [[ -n "$index" ]] || die "usage: start-$role INDEX"
    require_number "$role index" "$index"
    load_settings
    [[ -n "$pg_url" ]] || die "no running cluster recorded in $cluster_dir; run 'up' first"
    "$pg_script" status >/dev/null 2>&1 || die "PostgreSQL is not running; run 'up' first"
    start_process "$role" "$index"
    wait_ready "$role$index"
    if [[ "$role" == silo ]] && ((index >= silo_count)); then
        silo_count=$((index + 1))
        save_settings
    elif [[ "$role" == api ]] && ((index >= api_count)); then
        api_count=$((index + 1))
        save_settings
    fi
}

# The cluster dir's operator signing key (base64, 32 bytes), made on first use.
signing_key() {
    local file="$cluster_dir/operator-signing.key"
    if [[ ! -s "$file" ]]; then
        mkdir -p "$cluster_dir"
        (umask 077 && head -c 32 /dev/urandom | base64 >"$file")
    fi
    cat "$file"
}

cmd_token() {
    local name="${1:-operator}"
    python3 - "$(signing_key)" "$name" <<'PY'
import base64, hashlib, hmac, json, sys, time
key, name = base64.b64decode(sys.argv[1]), sys.argv[2]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
now = int(time.time())
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
body = b64(json.dumps({"iss": "scheduler-cluster", "aud": "scheduler", "sub": name, "unique_name": name,
                       "role": "operator", "nbf": now - 5, "iat": now, "exp": now + 3600}).encode())
print(f"{head}.{body}.{b64(hmac.new(key, f'{head}.{body}'.encode(), hashlib.sha256).digest())}")
PY
}

main() {
    local command="${1:-}"
    [[ $# -gt 0 ]] && shift
    case "$command" in
        up) cmd_up "$@" ;;
        down) cmd_down "$@" ;;
        status) cmd_status "$@" ;;
        logs) cmd_logs "$@" ;;
        kill-silo) cmd_kill silo "$@" ;;
        kill-api) cmd_kill api "$@" ;;
        start-silo) cmd_start silo "$@" ;;
        start-api) cmd_start api "$@" ;;
        token) cmd_token "$@" ;;
        -h | --help | help) usage ;;
        *) usage >&2; exit 2 ;;
    esac
}

main "$@"
