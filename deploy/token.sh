#!/usr/bin/env bash
# Print a bearer token for curl. While the local OpenID Connect provider of deploy/run.sh (deploy/Identity) answers, it
# issues the token (client credentials of the tool client --client, default "cli"); otherwise the token is signed with
# this checkout's development key ($DIPLOMACY_DATA/dev-signing.key), which a platform without the provider trusts.
# Usage: deploy/token.sh --role <viewer|editor|auditor|admin> [--department <code>] [--client <name>] [--user <name>] [--minutes N]
#   e.g. TOKEN=$(./deploy/token.sh --department international-relations --role editor)
#        curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/membership/networks
set -euo pipefail
# shellcheck source=lib/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"

case "${1:-}" in -h|--help|"") sed -n '2,7p' "$0"; exit 0 ;; esac

dll="$REPO_ROOT/deploy/Token/bin/Release/net10.0/Token.dll"
if [[ ! -f $dll ]]; then
    dotnet build "$REPO_ROOT/deploy/Token/Token.csproj" -c Release -nologo -v q >&2
fi
if curl -fsS -o /dev/null --max-time 2 "${IDENTITY_URL}health/ready" 2>/dev/null; then
    exec dotnet "$dll" --authority "$IDENTITY_URL" --secret-file "$IDENTITY_KEYS/tools.secret" "$@"
fi
ensure_dev_signing_key
exec dotnet "$dll" --key-file "$DEV_SIGNING_KEY_FILE" "$@"
