#!/usr/bin/env bash
# Lint the platform's API documents: every OpenAPI document with Redocly's recommended ruleset and Spectral's
# spectral:oas, the AsyncAPI document with @asyncapi/cli. Fails on any error (warnings are printed, not fatal).
# Usage: deploy/lint-api.sh --install            install the tools (deploy/tools/node_modules) and exit
#        deploy/lint-api.sh <folder>             lint <folder>/*.json (asyncapi.json as AsyncAPI, the rest as OpenAPI)
#        deploy/lint-api.sh --gateway <url> <folder>   first fetch every document from a running gateway into <folder>
# Prints one "PASS <document>" or "FAIL <document>" line per document; exit 0 only when all pass.
set -euo pipefail
# shellcheck source=lib/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"

TOOLS="$REPO_ROOT/deploy/tools"
BIN="$TOOLS/node_modules/.bin"

install_tools() {
    if ! command -v npm >/dev/null 2>&1; then
        echo "Installing Node.js and npm (Debian packages)..." >&2
        local sudo=(); ((EUID == 0)) || sudo=(sudo)
        "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq nodejs npm >/dev/null
    fi
    if [[ ! -x $BIN/redocly || ! -x $BIN/spectral || ! -x $BIN/asyncapi ]] \
        || [[ $TOOLS/package-lock.json -nt $TOOLS/node_modules/.package-lock.json ]]; then
        echo "Installing the API linters (npm ci in deploy/tools)..." >&2
        (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error >&2)
    fi
    # The AsyncAPI CLI would try to send usage metrics to the internet.
    "$BIN/asyncapi" config analytics --disable >/dev/null 2>&1 || true
}

fetch_documents() {
    local gateway=${1%/} folder=$2 route
    mkdir -p "$folder"
    for route in $(curl -fsS "$gateway/openapi" | grep -o '"url":"/openapi/[a-z-]*\.json"' | sed -E 's/.*"\/openapi\/([a-z-]+)\.json"/\1/'); do
        curl -fsS "$gateway/openapi/$route.json" -o "$folder/$route.json"
    done
    curl -fsS "$gateway/asyncapi.json" -o "$folder/asyncapi.json"
}

lint_openapi() {
    (cd "$TOOLS" && "$BIN/redocly" lint --config redocly.yaml --format stylish "$1") &&
    (cd "$TOOLS" && "$BIN/spectral" lint --ruleset .spectral.yaml --fail-severity error "$1")
}

lint_asyncapi() {
    (cd "$TOOLS" && SUPPRESS_NO_CONFIG_WARNING=1 "$BIN/asyncapi" validate "$1" --fail-severity error)
}

case "${1:-}" in
    --install) install_tools; exit 0 ;;
    --gateway) [[ $# -eq 3 ]] || { sed -n '2,8p' "$0" >&2; exit 2; }
               install_tools; fetch_documents "$2" "$3"; folder=$3 ;;
    ""|-h|--help) sed -n '2,8p' "$0"; exit 2 ;;
    *) install_tools; folder=$1 ;;
esac

folder=$(cd "$folder" && pwd)
shopt -s nullglob
documents=("$folder"/*.json)
((${#documents[@]})) || { echo "FAIL no documents in $folder"; exit 1; }
failed=0
for document in "${documents[@]}"; do
    name=$(basename "$document")
    if [[ $name == asyncapi.json ]]; then lint=lint_asyncapi; else lint=lint_openapi; fi
    if "$lint" "$document"; then echo "PASS $name"; else echo "FAIL $name"; failed=1; fi
done
exit "$failed"
