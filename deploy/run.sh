#!/usr/bin/env bash
# Run the whole platform locally: private PostgreSQL + RabbitMQ, every service of
# deploy/services.json, the gateway, and the demo data.
# Usage: deploy/run.sh [--detach]
#   default   stay in the foreground; Ctrl-C (or TERM) stops everything
#   --detach  return once the gateway reports every service healthy
#             (/health/services) and the demo data is loaded;
#             stop later with deploy/stop.sh
set -euo pipefail
# shellcheck source=lib/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"

detach=0
case "${1:-}" in
    "") ;;
    --detach) detach=1 ;;
    *) echo "usage: $0 [--detach]" >&2; exit 2 ;;
esac

LOGS="$DIPLOMACY_DATA/logs"
PIDS="$DIPLOMACY_DATA/pids"
DEADLINE_SECONDS=90

stop_all() {
    trap - EXIT INT TERM
    echo "Stopping the platform..."
    "$REPO_ROOT/deploy/stop.sh"
}
# A failed start must not leave half a platform running.
on_exit() {
    local rc=$?
    if ((rc != 0)); then stop_all; fi
    exit "$rc"
}
trap on_exit EXIT
trap 'stop_all; exit 0' INT TERM

# Start one .NET process, detached from our session so closing the terminal (or a
# Ctrl-C aimed at this script) does not kill it behind stop.sh's back.
# Usage: start_dotnet <name> <dll> [VAR=value...]
start_dotnet() {
    local name=$1 dll=$2
    shift 2
    if [[ ! -f $dll ]]; then
        echo "$name: $dll not found (is the project in Diplomacy.slnx?)" >&2
        return 1
    fi
    # cwd = the dll's folder: ASP.NET Core takes its content root (appsettings.json) from it.
    (cd "$(dirname "$dll")" && exec env "$@" setsid dotnet "$dll" </dev/null >"$LOGS/$name.log" 2>&1) &
    echo $! >"$PIDS/$name.pid"
}

# Wait until <url> answers 2xx, the process dies, or the shared deadline passes.
wait_ready() {
    local name=$1 url=$2 pid
    pid=$(cat "$PIDS/$name.pid")
    until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
        if ! pid_alive "$pid" || ((SECONDS >= deadline)); then
            if pid_alive "$pid"; then echo "$name: not ready after ${DEADLINE_SECONDS} s ($url)" >&2
            else echo "$name: exited during start-up" >&2; fi
            echo "----- last lines of $LOGS/$name.log -----" >&2
            tail -n 40 "$LOGS/$name.log" >&2 || true
            return 1
        fi
        sleep 0.5
    done
    echo "$name: ready ($url)"
}

# A previous run (detached, or killed without cleanup) may still hold our ports.
stop_pidfiles
command -v curl >/dev/null || apt_install curl
mkdir -p "$LOGS" "$PIDS"

"$REPO_ROOT/deploy/servers.sh" start

build_console            # into gateway/wwwroot, which the build below copies to the gateway's output
echo "Building Diplomacy.slnx (Release)..."
dotnet build "$REPO_ROOT/Diplomacy.slnx" -c Release -nologo -v q

deadline=$((SECONDS + DEADLINE_SECONDS))
# The local OpenID Connect provider first: the gateway and every service trust it as Auth__Authority, exactly as they
# would trust the SMG's own provider (its discovery document and JWKS), and no development key.
# shellcheck disable=SC2046
start_dotnet identity "$REPO_ROOT/deploy/Identity/bin/Release/net10.0/Identity.dll" \
    ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" $(identity_env)
wait_ready identity "${IDENTITY_URL}health/ready"
unset Auth__DevelopmentSigningKey
export Auth__Authority="$IDENTITY_URL"
# Integrations keeps webhook signing secrets encrypted with this key: random, created once, git-ignored under .local/.
WEBHOOK_KEY_FILE="$DIPLOMACY_DATA/webhook-secret.key"
[[ -s $WEBHOOK_KEY_FILE ]] || (umask 077 && head -c 32 /dev/urandom | base64 -w0 >"$WEBHOOK_KEY_FILE")
export Webhooks__SecretKey
Webhooks__SecretKey=$(cat "$WEBHOOK_KEY_FILE")
gateway_env=(ASPNETCORE_URLS="http://127.0.0.1:$GATEWAY_PORT" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}")
for svc in "${SERVICES[@]}"; do
    port=$(service_port "$svc")
    db=$(service_db "$svc")
    project=$(service_project "$svc")
    start_dotnet "$db" "$REPO_ROOT/$(dirname "$project")/bin/Release/net10.0/$(basename "$project" .csproj).dll" \
        ASPNETCORE_URLS="http://127.0.0.1:$port" \
        ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
        ConnectionStrings__Postgres="$DIPLOMACY_POSTGRES;Database=$db" \
        ConnectionStrings__RabbitMq="$DIPLOMACY_RABBITMQ" \
        Webhooks__AllowedHosts="http://127.0.0.1,http://localhost"
    # The gateway reads its downstream addresses from Services:<Name>.
    gateway_env+=("Services__$svc=http://127.0.0.1:$port")
done
for svc in "${SERVICES[@]}"; do
    wait_ready "$(service_db "$svc")" "http://127.0.0.1:$(service_port "$svc")/health/ready"
done

# The gateway's own readiness depends on no service; /health/services says every one answers through it.
start_dotnet gateway "$REPO_ROOT/gateway/bin/Release/net10.0/Gateway.dll" "${gateway_env[@]}"
wait_ready gateway "http://127.0.0.1:$GATEWAY_PORT/health/ready"
wait_ready gateway "http://127.0.0.1:$GATEWAY_PORT/health/services"

demo_dll="$REPO_ROOT/deploy/DemoData/bin/Release/net10.0/DemoData.dll"
if [[ -f $demo_dll ]]; then
    echo "Loading demo data..."
    # The loader writes every service: an admin token of the local provider, for its tool client.
    demo_token=$(dotnet "$REPO_ROOT/deploy/Token/bin/Release/net10.0/Token.dll" --authority "$IDENTITY_URL" \
        --secret-file "$IDENTITY_KEYS/tools.secret" --role admin --client demo-data-loader --user demo-data --minutes 30)
    dotnet "$demo_dll" --gateway "http://127.0.0.1:$GATEWAY_PORT" --data "$REPO_ROOT/deploy/demo/seoul-reference.json" --token "$demo_token"
else
    echo "Demo data skipped: $demo_dll not built."
fi

gw="http://127.0.0.1:$GATEWAY_PORT"
echo
echo "Diplomacy is running."
echo "  Console            $gw/   (sign in with a demo account, password: $(cat "$IDENTITY_KEYS/demo-password"))"
echo "  Gateway            $gw"
echo "  Identity (OIDC)    $IDENTITY_URL   (./deploy/token.sh asks it for tokens)"
for svc in "${SERVICES[@]}"; do
    route=$(service_route "$svc")
    printf '  %-18s %s/api/%s/   OpenAPI %s/openapi/%s.json   (direct http://127.0.0.1:%s)\n' \
        "$svc" "$gw" "$route" "$gw" "$route" "$(service_port "$svc")"
done
echo "  RabbitMQ UI        http://127.0.0.1:$RABBIT_MGMT_PORT (guest/guest)"
echo "  PostgreSQL         127.0.0.1:$PGPORT_DIPLOMACY (postgres/postgres)"
echo "  Logs               $LOGS"

if ((detach)); then
    trap - EXIT INT TERM
    echo "Detached. Stop with: $REPO_ROOT/deploy/stop.sh"
    exit 0
fi

echo "Press Ctrl-C to stop everything."
declare -A reported=()
while true; do
    # Report (once) a process that dies; the rest keeps running for inspection.
    for f in "$PIDS"/*.pid; do
        name=$(basename "$f" .pid)
        if [[ -f $f && -z ${reported[$name]:-} ]] && ! pid_alive "$(cat "$f")"; then
            echo "WARNING: $name exited; see $LOGS/$name.log" >&2
            reported[$name]=1
        fi
    done
    # sleep in the background so a TERM runs the trap at once, not after the sleep.
    sleep 2 &
    wait $! || true
done
