#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for development and tests.
#
#   scripts/pg.sh start    initialise (first time), start, wait, create database "scheduler"
#   scripts/pg.sh stop     fast shutdown of this cluster only
#   scripts/pg.sh status   exit 0 when running, 3 when not
#   scripts/pg.sh url      print the Npgsql connection string
#   scripts/pg.sh psql ... open psql on the "scheduler" database (extra arguments pass through)
#
# Environment: SCHEDULER_PG_DIR (data directory, default <repo>/.cluster/pg),
#              SCHEDULER_PG_PORT (default 55432).
# Uses the Debian "postgresql" package and installs it when initdb is missing (needs root).
# Listens on 127.0.0.1 only, trust authentication: never point it at real data.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pg_dir="${SCHEDULER_PG_DIR:-$repo_root/.cluster/pg}"
pg_port="${SCHEDULER_PG_PORT:-55432}"
socket_dir="$pg_dir/socket"
log_file="$pg_dir/log/server.log"
database="scheduler"

log() { printf 'pg.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# Finds the newest PostgreSQL server binaries; installs them from Debian when absent.
find_bin_dir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        printf '%s\n' "$dir"
        return
    fi
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return
    fi
    [[ "$(id -u)" -eq 0 ]] || die "initdb not found; install the 'postgresql' package (needs root)"
    log "installing the Debian postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [[ -n "$dir" && -x "$dir/initdb" ]] || die "postgresql installed but initdb still not found"
    printf '%s\n' "$dir"
}

# Runs a command as the owner of the cluster: the postgres OS user when we are root.
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# The postgres user must be able to reach the data directory through every ancestor.
ensure_reachable() {
    [[ "$(id -u)" -eq 0 ]] || return 0
    local path
    path="$(dirname "$pg_dir")"
    while [[ "$path" != "/" ]]; do
        if ! runuser -u postgres -- test -x "$path"; then
            log "granting search permission on $path so the postgres user can reach $pg_dir"
            chmod o+x "$path"
        fi
        path="$(dirname "$path")"
    done
}

is_running() {
    [[ -f "$pg_dir/PG_VERSION" ]] || return 1
    as_owner "$bin_dir/pg_ctl" status -D "$pg_dir" >/dev/null 2>&1
}

init_cluster() {
    [[ -f "$pg_dir/PG_VERSION" ]] && return 0
    log "initialising a new cluster in $pg_dir"
    mkdir -p "$pg_dir"
    if [[ "$(id -u)" -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "the postgres OS user does not exist"
        chown postgres:postgres "$pg_dir"
    fi
    chmod 700 "$pg_dir"
    ensure_reachable
    as_owner "$bin_dir/initdb" -D "$pg_dir" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C --no-instructions >/dev/null
    as_owner mkdir -p "$socket_dir" "$(dirname "$log_file")"
    as_owner tee -a "$pg_dir/postgresql.conf" >/dev/null <<EOF

# --- scripts/pg.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$socket_dir'
fsync = on
synchronous_commit = on
full_page_writes = on
timezone = 'UTC'
log_timezone = 'UTC'
max_connections = 200
EOF
    as_owner tee "$pg_dir/pg_hba.conf" >/dev/null <<'EOF'
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
EOF
}

psql_admin() {
    "$bin_dir/psql" -X -q -h 127.0.0.1 -p "$pg_port" -U postgres "$@"
}

start() {
    init_cluster
    ensure_reachable
    if is_running; then
        log "already running (port $pg_port, data $pg_dir)"
    else
        log "starting on 127.0.0.1:$pg_port"
        as_owner "$bin_dir/pg_ctl" start -D "$pg_dir" -l "$log_file" -w -t 60 \
            -o "-p $pg_port" >/dev/null ||
            { tail -n 20 "$log_file" >&2 || true; die "the server did not start"; }
    fi
    local i
    for i in $(seq 1 60); do
        if "$bin_dir/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -U postgres; then
            break
        fi
        [[ "$i" -eq 60 ]] && die "the server does not accept connections on port $pg_port"
        sleep 1
    done
    if [[ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]]; then
        # Two concurrent starts may both get here; the loser's "already exists" is fine.
        psql_admin -d postgres -c "CREATE DATABASE $database" 2>/dev/null ||
            [[ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" == "1" ]] ||
            die "could not create database $database"
        log "created database $database"
    fi
    log "ready: $(url)"
}

stop() {
    if is_running; then
        as_owner "$bin_dir/pg_ctl" stop -D "$pg_dir" -m fast -w -t 60 >/dev/null
        log "stopped"
    else
        log "not running"
    fi
}

status() {
    if is_running; then
        log "running (port $pg_port, data $pg_dir)"
        return 0
    fi
    log "not running (data $pg_dir)"
    return 3
}

url() {
    printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=postgres;Pooling=true;Maximum Pool Size=50\n' \
        "$pg_port" "$database"
}

command="${1:-}"
[[ $# -gt 0 ]] && shift
case "$command" in
    start) bin_dir="$(find_bin_dir)"; start ;;
    stop) bin_dir="$(find_bin_dir)"; stop ;;
    status) bin_dir="$(find_bin_dir)"; status ;;
    url) url ;;
    psql) bin_dir="$(find_bin_dir)"; exec "$bin_dir/psql" -X -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" "$@" ;;
    *) echo "usage: $0 start|stop|status|url|psql [psql arguments]" >&2; exit 2 ;;
esac
