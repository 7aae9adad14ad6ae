#!/usr/bin/env bash
# Stop everything deploy/run.sh started: the .NET processes (by their pid files),
# then the private PostgreSQL and RabbitMQ. Harmless when nothing runs.
set -euo pipefail
# shellcheck source=lib/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"

stop_pidfiles
"$REPO_ROOT/deploy/servers.sh" stop
