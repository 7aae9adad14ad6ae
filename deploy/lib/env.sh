# shellcheck shell=bash
# Sourced by every deploy script: one place for paths, ports and the environment
# the .NET processes and tests read. Every value can be overridden by setting it
# before calling a script (e.g. PGPORT_DIPLOMACY=56432 ./deploy/run.sh).
# No `set -e` here: the calling script owns its shell options.

REPO_ROOT="${REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
# Everything we create at run time lives here (git-ignored), never in system dirs.
DIPLOMACY_DATA="${DIPLOMACY_DATA:-$REPO_ROOT/.local}"

# Private, non-default ports so we never collide with a system PostgreSQL/RabbitMQ.
PGPORT_DIPLOMACY="${PGPORT_DIPLOMACY:-55432}"
RABBIT_PORT="${RABBIT_PORT:-55672}"
RABBIT_DIST_PORT="${RABBIT_DIST_PORT:-55673}"
RABBIT_MGMT_PORT="${RABBIT_MGMT_PORT:-55674}"
RABBIT_EPMD_PORT="${RABBIT_EPMD_PORT:-54369}"
RABBIT_NODENAME="${RABBIT_NODENAME:-diplomacy@localhost}"
GATEWAY_PORT="${GATEWAY_PORT:-8080}"
# Each service's port: its manifest default, overridden by ${ROUTE^^}_PORT (MEMBERSHIP_PORT, PEACE_PORT, ...).

# Read by the services and by the tests. No database in the Postgres string:
# each service (and each test fixture) appends its own.
export DIPLOMACY_POSTGRES="${DIPLOMACY_POSTGRES:-Host=127.0.0.1;Port=$PGPORT_DIPLOMACY;Username=postgres;Password=postgres}"
export DIPLOMACY_RABBITMQ="${DIPLOMACY_RABBITMQ:-amqp://guest:guest@127.0.0.1:$RABBIT_PORT/}"
export DIPLOMACY_RABBITMQ_MANAGEMENT="${DIPLOMACY_RABBITMQ_MANAGEMENT:-http://127.0.0.1:$RABBIT_MGMT_PORT}"
# The machine has no internet: stop tools from phoning home (and from waiting on it).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MASSTRANSIT_USAGE_TELEMETRY=false

# Install Debian packages on a fresh machine (root directly, otherwise through sudo).
apt_install() {
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "need root or sudo to install: $*" >&2; return 1; }
        sudo=(sudo)
    fi
    echo "Installing $* ..."
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# The services: deploy/services.json, the one list (its shape: ServiceDefaults/Manifest/ServiceManifest.cs).
SERVICES_MANIFEST="${SERVICES_MANIFEST:-$REPO_ROOT/deploy/services.json}"
command -v jq >/dev/null || apt_install jq >&2
SERVICES=()
declare -A _SERVICE_ROUTE=() _SERVICE_PORT=() _SERVICE_DB=() _SERVICE_PROJECT=()
while IFS=$'\t' read -r _name _route _port _db _project; do
    SERVICES+=("$_name")
    _SERVICE_ROUTE[$_name]=$_route _SERVICE_PORT[$_name]=$_port _SERVICE_DB[$_name]=$_db _SERVICE_PROJECT[$_name]=$_project
done < <(jq -r '.services[] | [.name, .route, (.port | tostring), .database, .project] | @tsv' "$SERVICES_MANIFEST")
unset _name _route _port _db _project
((${#SERVICES[@]} > 0)) || echo "no services read from $SERVICES_MANIFEST" >&2

_service_field() {
    local -n _field=$1
    [[ -n ${_field[$2]:-} ]] || { echo "unknown service: $2 (not in $SERVICES_MANIFEST)" >&2; return 1; }
    echo "${_field[$2]}"
}

# The gateway's route segment of a service (/api/<route>/..., /openapi/<route>.json).
service_route() { _service_field _SERVICE_ROUTE "$1"; }
# Its own database; also the lower-case name for logs, pids and URLs.
service_db() { _service_field _SERVICE_DB "$1"; }
# Its project file, relative to the repository root.
service_project() { _service_field _SERVICE_PROJECT "$1"; }
# Its port: ${ROUTE^^}_PORT when set, else the manifest's.
service_port() {
    local default route var
    default=$(_service_field _SERVICE_PORT "$1") || return 1
    route=$(service_route "$1")
    var="${route^^}_PORT"
    var="${var//-/_}"
    echo "${!var:-$default}"
}

# True if the pid runs and is not a zombie (an exited child of a still-running
# run.sh stays a zombie until reaped, and `kill -0` alone reports it alive).
pid_alive() {
    kill -0 "$1" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]
}

# Stop the .NET processes recorded in $DIPLOMACY_DATA/pids: TERM, then KILL after 10 s.
# Only pids whose command line is still `dotnet` are touched (a stale pid file may
# point at a recycled pid that now belongs to something else).
stop_pidfiles() {
    local f pid alive=() deadline
    shopt -s nullglob
    for f in "$DIPLOMACY_DATA"/pids/*.pid; do
        pid=$(cat "$f" 2>/dev/null || true)
        if [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid" \
           && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q dotnet; then
            echo "Stopping $(basename "$f" .pid) (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
            alive+=("$pid")
        fi
        rm -f "$f"
    done
    shopt -u nullglob
    deadline=$((SECONDS + 10))
    for pid in "${alive[@]}"; do
        while pid_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
        if pid_alive "$pid"; then
            echo "pid $pid ignored TERM for 10 s: KILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
}

# The development signing key of this checkout: random, created on first use, git-ignored under .local/. Every
# service and the gateway of deploy/run.sh trust tokens it signs (deploy/token.sh); Production refuses it.
# Called by run.sh and token.sh only: the tests give each of their fixtures a key of its own.
DEV_SIGNING_KEY_FILE="${DEV_SIGNING_KEY_FILE:-$DIPLOMACY_DATA/dev-signing.key}"
ensure_dev_signing_key() {
    if [[ ! -s $DEV_SIGNING_KEY_FILE ]]; then
        mkdir -p "$(dirname "$DEV_SIGNING_KEY_FILE")"
        (umask 077 && head -c 48 /dev/urandom | base64 -w0 >"$DEV_SIGNING_KEY_FILE")
    fi
    export Auth__DevelopmentSigningKey
    Auth__DevelopmentSigningKey=$(cat "$DEV_SIGNING_KEY_FILE")
}
