#!/usr/bin/env bash
# Run every test project of the solution against the private PostgreSQL and RabbitMQ.
# Usage: deploy/test.sh [--filter <expr>] [project-name-substring...]
#   --filter  passed to `dotnet test --filter`
#   substrings  only run tests/*/*.csproj whose name contains one of them
# The LAST line of output is always exactly "N passed, M failed" (CI reads it).
# Exit 0 only when nothing failed.
set -euo pipefail
# shellcheck source=lib/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"

filter=()
wanted=()
while (($#)); do
    case "$1" in
        --filter) [[ $# -ge 2 ]] || { echo "--filter needs an expression" >&2; exit 2; }
                  filter=(--filter "$2"); shift 2 ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        *) wanted+=("$1"); shift ;;
    esac
done

RESULTS="$DIPLOMACY_DATA/test-results"
SERVERS="$REPO_ROOT/deploy/servers.sh"

# Only stop the servers if this script started them: the platform (deploy/run.sh) may be
# running, and the tests work alongside it in their own databases.
we_started_servers=0
stop_our_servers() {
    if ((we_started_servers)); then
        we_started_servers=0
        "$SERVERS" stop >/dev/null 2>&1 || true
    fi
}
trap stop_our_servers EXIT

# Stop our servers first, so that the summary really is the last line.
finish() {
    local passed=$1 failed=$2 rc=$3
    stop_our_servers
    echo "$passed passed, $failed failed"
    exit "$rc"
}

"$SERVERS" status >/dev/null 2>&1 || we_started_servers=1
if ! "$SERVERS" start; then
    echo "could not start PostgreSQL/RabbitMQ" >&2
    finish 0 1 1
fi

# The console's browser tests need its build (served by the gateway) and Debian's chromium (never a downloaded browser).
if ! build_console; then
    echo "CONSOLE BUILD FAILED" >&2
    finish 0 1 1
fi
[[ -x /usr/bin/chromium ]] || apt_install chromium
echo "Building Diplomacy.slnx (Release)..."
if ! dotnet build "$REPO_ROOT/Diplomacy.slnx" -c Release -nologo -v q; then
    echo "BUILD FAILED" >&2
    finish 0 1 1
fi

# The npm linters (Redocly, Spectral, @asyncapi/cli) that Platform.Tests runs over every served API document.
if ! "$REPO_ROOT/deploy/lint-api.sh" --install; then
    echo "could not install the API linters (deploy/lint-api.sh --install)" >&2
    finish 0 1 1
fi

# Test projects, optionally narrowed by name substrings.
projects=()
shopt -s nullglob
for proj in "$REPO_ROOT"/tests/*/*.csproj; do
    name=$(basename "$proj" .csproj)
    # Shared helpers such as TestSupport say so and hold no tests.
    grep -q '<IsTestProject>false</IsTestProject>' "$proj" && continue
    if ((${#wanted[@]} == 0)); then projects+=("$proj"); continue; fi
    for w in "${wanted[@]}"; do
        if [[ $name == *"$w"* ]]; then projects+=("$proj"); break; fi
    done
done
shopt -u nullglob

# Value of attribute $1 in the XML tag $2 (0 when absent).
attr() { local v; v=$(sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p" <<<"$2"); echo "${v:-0}"; }

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
export DIPLOMACY_TEST_RESULTS="$RESULTS"   # tests/Console.Tests keeps its screenshots under it
total_passed=0
total_failed=0
any_exit_failure=0
failed_names=()
# One project at a time: each xunit run already parallelises its own classes, and
# several test hosts at once on 2 cores make timing-sensitive tests flaky.
for proj in "${projects[@]}"; do
    name=$(basename "$proj" .csproj)
    echo "=== $name"
    rc=0
    dotnet test "$proj" -c Release --no-build "${filter[@]}" \
        --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" || rc=$?
    ((rc == 0)) || any_exit_failure=1
    trx="$RESULTS/$name.trx"
    if [[ -f $trx ]]; then
        counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
        total_passed=$((total_passed + $(attr passed "$counters")))
        total_failed=$((total_failed + $(attr failed "$counters")))
        while IFS= read -r t; do
            [[ -n $t ]] && failed_names+=("$t")
        done < <(grep -o '<UnitTestResult [^>]*>' "$trx" | grep 'outcome="Failed"' \
                 | sed -E 's/.* testName="([^"]*)".*/\1/' \
                 | sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' || true)
    elif ((rc != 0)); then
        # Crashed before writing results (e.g. test host failed to start): count it.
        total_failed=$((total_failed + 1))
        failed_names+=("$name (no results; dotnet test exited $rc)")
    elif [[ ! -d $(dirname "$proj")/bin/Release ]]; then
        # `dotnet test --no-build` on a project the solution build skipped runs nothing
        # and exits 0: do not let a test project outside Diplomacy.slnx pass silently.
        total_failed=$((total_failed + 1))
        failed_names+=("$name (not built: is it in Diplomacy.slnx?)")
    fi
done

if ((${#failed_names[@]})); then
    echo
    echo "Failed tests:"
    printf '  %s\n' "${failed_names[@]}"
fi
rc=0
((total_failed == 0 && any_exit_failure == 0)) || rc=1
finish "$total_passed" "$total_failed" "$rc"
