#!/usr/bin/env bash
# A private PostgreSQL 15 cluster and a private RabbitMQ node for this repository.
# Usage: deploy/servers.sh start [postgres|rabbitmq]|stop|status
# They use their own data dirs and ports (deploy/lib/env.sh), so they never touch,
# and never rely on, the system-wide services that the Debian packages install.
set -euo pipefail
# shellcheck source=lib/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"

PG_BIN=/usr/lib/postgresql/15/bin
RABBIT_DIR="$DIPLOMACY_DATA/rabbitmq"
PG_LOCATION_FILE="$DIPLOMACY_DATA/postgres.location"
# Seconds a server may take to start. A restart after a crash (a fault test kills one), on two cores that a load keeps
# busy, has taken more than a minute.
START_TIMEOUT=${SERVER_START_TIMEOUT:-240}
# One database per manifest service (deploy/services.json).
DATABASES=()
for _svc in "${SERVICES[@]}"; do DATABASES+=("$(service_db "$_svc")"); done
unset _svc

# ---------------------------------------------------------------- install

rabbit_bin_dir() {
    # Debian's /usr/sbin wrappers switch to the rabbitmq user when run as root (and so
    # lose our HOME/cookie and cannot write our data dir): use the real scripts.
    if [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; then echo /usr/lib/rabbitmq/bin
    elif command -v rabbitmq-server >/dev/null; then dirname "$(readlink -f "$(command -v rabbitmq-server)")"
    fi
}

ensure_installed() {
    if [[ ! -x $PG_BIN/postgres || -z $(rabbit_bin_dir) ]]; then
        apt_install postgresql rabbitmq-server
    fi
}

# ---------------------------------------------------------------- PostgreSQL

# initdb refuses to run as root: as root, run the PostgreSQL tools as the postgres user
# (from / so it never trips over a cwd it cannot read).
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# Where the cluster lives. Normally $DIPLOMACY_DATA/postgres, but as root the repo may sit
# under a directory the postgres user cannot traverse (e.g. /root): then use /var/tmp.
# The choice is recorded in postgres.location so stop/status find the same cluster.
pg_dir() {
    if [[ -s $PG_LOCATION_FILE ]]; then cat "$PG_LOCATION_FILE"; return; fi
    echo "$DIPLOMACY_DATA/postgres"
}

choose_pg_dir() {
    local dir="$DIPLOMACY_DATA/postgres"
    [[ -s $PG_LOCATION_FILE && -f $(cat "$PG_LOCATION_FILE")/PG_VERSION ]] && return
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$dir"
        if ! runuser -u postgres -- test -w "$dir" 2>/dev/null; then
            rmdir "$dir" 2>/dev/null || true
            dir="/var/tmp/diplomacy-$(echo "$DIPLOMACY_DATA" | md5sum | cut -c1-8)/postgres"
            mkdir -p "$dir"
            chown postgres:postgres "$dir"
            echo "PostgreSQL: the postgres user cannot reach $DIPLOMACY_DATA; cluster placed in $dir"
        fi
    fi
    echo "$dir" >"$PG_LOCATION_FILE"
}

pg_running() { [[ -f $(pg_dir)/PG_VERSION ]] && as_pg "$PG_BIN/pg_ctl" -D "$(pg_dir)" status >/dev/null 2>&1; }
pg_answers() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT_DIPLOMACY"; }

pg_start() {
    choose_pg_dir
    local dir
    dir=$(pg_dir)
    if [[ ! -f $dir/PG_VERSION ]]; then
        echo "PostgreSQL: creating cluster in $dir"
        # A Unix socket path is limited to ~107 bytes; with a deep data dir go TCP-only
        # (every client here uses 127.0.0.1 anyway) rather than fail to start.
        local sockdir="$dir"
        if ((${#dir} + 20 > 107)); then sockdir=''; fi
        as_pg "$PG_BIN/initdb" -D "$dir" --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 >"$DIPLOMACY_DATA/initdb.log"
        # Loopback only; socket inside the data dir (/var/run/postgresql may not exist or be
        # someone else's); many connections because 5 services + parallel tests each pool.
        cat >>"$dir/postgresql.conf" <<CONF

# --- diplomacy private cluster (deploy/servers.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sockdir'
max_connections = 300
CONF
    fi
    if pg_running; then
        echo "PostgreSQL: already running on 127.0.0.1:$PGPORT_DIPLOMACY"
    elif pg_answers; then
        echo "PostgreSQL: something already answers on 127.0.0.1:$PGPORT_DIPLOMACY (not the cluster in $dir); using it"
    else
        # The port is passed at start (not written at initdb) so PGPORT_DIPLOMACY can change.
        as_pg "$PG_BIN/pg_ctl" -D "$dir" -o "-p $PGPORT_DIPLOMACY" -l "$dir/postgresql.log" -w -t "$START_TIMEOUT" start >/dev/null \
            || { tail -n 20 "$dir/postgresql.log" >&2; return 1; }
        echo "PostgreSQL: started on 127.0.0.1:$PGPORT_DIPLOMACY (data $dir)"
    fi
    local db psql=("$PG_BIN/psql" -h 127.0.0.1 -p "$PGPORT_DIPLOMACY" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)
    for db in "${DATABASES[@]}"; do
        if [[ -z $("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$db'") ]]; then
            "${psql[@]}" -c "CREATE DATABASE $db"
        fi
    done
    # Auth is trust, but a password makes "Password=postgres" strings valid elsewhere too.
    "${psql[@]}" -c "ALTER USER postgres PASSWORD 'postgres'"
}

pg_stop() {
    if pg_running; then
        as_pg "$PG_BIN/pg_ctl" -D "$(pg_dir)" -m fast -w stop >/dev/null
        echo "PostgreSQL: stopped"
    else
        echo "PostgreSQL: not running"
    fi
}

# ---------------------------------------------------------------- RabbitMQ

# Everything the node and its CLI must agree on. HOME holds the Erlang cookie, and
# ERL_EPMD_PORT gives the node its own epmd, so the CLI must see the same values.
rabbit_env() {
    export HOME="$RABBIT_DIR"
    export ERL_EPMD_PORT="$RABBIT_EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1
    export RABBITMQ_NODENAME="$RABBIT_NODENAME"
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$RABBIT_PORT" RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT"
    # Keep the inter-node (distribution) listener on loopback too.
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia" RABBITMQ_LOG_BASE="$RABBIT_DIR/log"
    export RABBITMQ_PID_FILE="$RABBIT_DIR/rabbitmq.pid"
    # An Erlang VM that fails writes erl_crash.dump to its cwd: keep it out of the repo root.
    export ERL_CRASH_DUMP="$RABBIT_DIR/erl_crash.dump"
    export RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq.conf"
    export RABBITMQ_ADVANCED_CONFIG_FILE="$RABBIT_DIR/advanced.config"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins"
    # An empty env file of our own, so /etc/rabbitmq/rabbitmq-env.conf cannot override us.
    export RABBITMQ_CONF_ENV_FILE="$RABBIT_DIR/rabbitmq-env.conf"
}

rabbitmqctl() { (rabbit_env && "$(rabbit_bin_dir)/rabbitmqctl" -n "$RABBIT_NODENAME" "$@"); }
# Ask our epmd first: a CLI call when no epmd runs would start one (and take ~9 s).
rabbit_registered() { [[ $(epmd -port "$RABBIT_EPMD_PORT" -names 2>/dev/null) == *"name ${RABBIT_NODENAME%@*} "* ]]; }
rabbit_running() { rabbit_registered && rabbitmqctl ping >/dev/null 2>&1; }
# A broker someone else started on our ports (e.g. the servers of another checkout of this repository).
rabbit_answers() { curl -fsS -o /dev/null --max-time 3 -u guest:guest "http://127.0.0.1:$RABBIT_MGMT_PORT/api/overview" 2>/dev/null; }

rabbit_start() {
    if rabbit_running; then
        echo "RabbitMQ: already running ($RABBIT_NODENAME, 127.0.0.1:$RABBIT_PORT)"
        return
    fi
    if rabbit_answers; then
        echo "RabbitMQ: something already answers on 127.0.0.1:$RABBIT_MGMT_PORT (not the node in $RABBIT_DIR); using it"
        return
    fi
    mkdir -p "$RABBIT_DIR/log"
    : >"$RABBIT_DIR/rabbitmq-env.conf"
    # Management plugin for this node only, not the system-wide enabled_plugins.
    echo '[rabbitmq_management].' >"$RABBIT_DIR/enabled_plugins"
    # Rewritten at every start so the ports always follow env.sh.
    cat >"$RABBIT_DIR/rabbitmq.conf" <<CONF
listeners.tcp.local = 127.0.0.1:$RABBIT_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBIT_MGMT_PORT
CONF
    # Started directly (not via Debian's /usr/sbin wrapper, which su's to the rabbitmq
    # user as root), detached from our terminal and session.
    (rabbit_env && cd "$RABBIT_DIR" && exec setsid "$(rabbit_bin_dir)/rabbitmq-server" >"$RABBIT_DIR/log/startup.log" 2>&1) &
    local pid=$! started=$SECONDS deadline=$((SECONDS + START_TIMEOUT))
    # Polled over HTTP, and the CLI asked once it answers: each CLI call boots an Erlang VM of its own, which on two
    # busy cores took CPU from the node it was waiting for.
    until rabbit_answers && rabbitmqctl await_startup --timeout 30 >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
            if kill -0 "$pid" 2>/dev/null; then
                echo "RabbitMQ: not started after $((SECONDS - started)) s; stopped" >&2
                # setsid made the server script lead its own process group: this ends it, the VM and its helpers.
                kill -KILL -- "-$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
            else echo "RabbitMQ: the node exited after $((SECONDS - started)) s" >&2; fi
            # The console log stops once the node switches to its log file, which says why it stopped or waits: its
            # first errors (the shutdown that follows them fills its end), then its end.
            local log=$RABBIT_DIR/log/$RABBIT_NODENAME.log
            echo "--- end of $RABBIT_DIR/log/startup.log:" >&2
            tail -n 30 "$RABBIT_DIR/log/startup.log" >&2
            if [[ -f $log ]]; then
                echo "--- first errors in $log:" >&2
                grep -m 15 -F '[error]' "$log" >&2 || true
                echo "--- end of $log:" >&2
                tail -n 30 "$log" >&2
            fi
            return 1
        fi
        sleep 1
    done
    echo "RabbitMQ: started in $((SECONDS - started)) s ($RABBIT_NODENAME, amqp 127.0.0.1:$RABBIT_PORT, management http://127.0.0.1:$RABBIT_MGMT_PORT)"
}

rabbit_stop() {
    if rabbit_running; then
        # With the pid file, stop waits until the Erlang VM has really exited.
        rabbitmqctl stop "$RABBIT_DIR/rabbitmq.pid" >/dev/null
        echo "RabbitMQ: stopped"
    else
        echo "RabbitMQ: not running"
    fi
    # The node started a private epmd on our port; it outlives the node.
    if [[ -n $(rabbit_bin_dir) ]]; then
        (rabbit_env && epmd -port "$RABBIT_EPMD_PORT" -kill >/dev/null 2>&1) || true
    fi
}

# Keeps the servers' ports out of the kernel's pool for outgoing connections (when we may write it, as root): they lie
# in its default range, so while a server is down (a fault test kills one and starts it again) a client connection could
# get its port as a local port and the restart would fail with "address in use".
reserve_ports() {
    local file=/proc/sys/net/ipv4/ip_local_reserved_ports current
    [[ -w $file ]] || return 0
    current=$(cat "$file")
    echo "${current:+$current,}$PGPORT_DIPLOMACY,$RABBIT_PORT,$RABBIT_DIST_PORT,$RABBIT_MGMT_PORT,$RABBIT_EPMD_PORT" >"$file" 2>/dev/null || true
}

# ---------------------------------------------------------------- main

case "${1:-}" in
    start)
        ensure_installed
        mkdir -p "$DIPLOMACY_DATA"
        reserve_ports
        # One of the two alone: a fault test restarts the server it killed without waiting on the other.
        if [[ ${2:-postgres} == postgres ]]; then pg_start; fi
        if [[ ${2:-rabbitmq} == rabbitmq ]]; then rabbit_start; fi
        ;;
    stop)
        rabbit_stop
        if [[ -x $PG_BIN/pg_ctl ]]; then pg_stop; fi
        ;;
    status)
        up=0
        if pg_running || pg_answers; then echo "PostgreSQL: up (127.0.0.1:$PGPORT_DIPLOMACY, data $(pg_dir))"; up=$((up + 1))
        else echo "PostgreSQL: down"; fi
        if { [[ -n $(rabbit_bin_dir) ]] && rabbit_running; } || rabbit_answers; then
            echo "RabbitMQ: up ($RABBIT_NODENAME, 127.0.0.1:$RABBIT_PORT, management http://127.0.0.1:$RABBIT_MGMT_PORT)"; up=$((up + 1))
        else echo "RabbitMQ: down"; fi
        # Exit 0 only when both are up, so other scripts can ask "is it all running?".
        [[ $up -eq 2 ]]
        ;;
    *)
        echo "usage: $0 start [postgres|rabbitmq]|stop|status" >&2
        exit 2
        ;;
esac
