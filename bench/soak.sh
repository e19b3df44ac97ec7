#!/usr/bin/env bash
# Releasegraph soak (issue 15 item 8): bench/soak.sh. Not part of CI.
#
# One gateway on the built-in sandboxes and an embedded H2 store (SOAK_STORE=postgresql: a PostgreSQL database made
# and dropped here, as production runs), as the README's first command starts it (plus a
# caller key), under mixed traffic for SOAK_MINUTES (10) with SOAK_CONNECTIONS (16): a runDeployment mutation (each
# with its own idempotency key, so the runs history grows all the time), the runs of ten deployments (the query
# whose cost grew with history), the releases of every source and the flat deployment list. wrk runs in one-minute
# rounds; each round's throughput, p99, errors and the gateway's RSS go to bench/results/<date>-soak.md. It passes
# when the last minute's throughput is within 20% of the second minute's, no request failed, and the RSS of the
# last minute is within 20% of the second's. Everything listens on 127.0.0.1; what it starts is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

MINUTES=${SOAK_MINUTES:-10}
CONNECTIONS=${SOAK_CONNECTIONS:-16}
THREADS=${SOAK_THREADS:-2}
ROUND_SECONDS=${SOAK_ROUND_SECONDS:-60}
JVM_OPTS=${SOAK_JVM_OPTS:--Xmx128m -Xmn80m -XX:+UseSerialGC}  # the README's production settings
BUILD=${SOAK_BUILD:-1}                # 0 reuses target/quarkus-app
STORE=${SOAK_STORE:-h2}               # h2 (a file in the work directory) or postgresql (a database made and dropped here)
PG_HOST=${RG_PG_HOST:-127.0.0.1:5432}
PG_USER=${RG_PG_USER:-postgres}
NOTE=${SOAK_NOTE:-}
RESULT=${SOAK_RESULT:-$BENCH/results/$(date -u +%F)-soak.md}
JAVA_BIN=${SOAK_JAVA_HOME:+$SOAK_JAVA_HOME/bin/}java

WORK=$(mktemp -d /tmp/releasegraph-soak.XXXXXX)
GW_PID=
PG_DB=
psql_admin() { psql -h "${PG_HOST%%:*}" -p "${PG_HOST##*:}" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qc "$1"; }
cleanup() {
    [[ -z $GW_PID ]] || { kill "$GW_PID" 2>/dev/null || true; wait "$GW_PID" 2>/dev/null || true; }
    [[ -z $PG_DB ]] || psql_admin "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" || true
    if [[ ${SOAK_KEEP:-0} == 1 ]]; then echo "work files kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[soak %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in wrk jq node openssl; do command -v "$tool" >/dev/null || die "$tool is missing (bench/run.sh installs it)"; done

JAR=$ROOT/target/quarkus-app/quarkus-run.jar
if [[ $BUILD == 1 ]]; then
    log "building the gateway (./mvnw package -DskipTests)"
    (cd "$ROOT" && ./mvnw -q -B package -DskipTests) >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build failed"; }
fi
[[ -f $JAR ]] || die "no $JAR; run without SOAK_BUILD=0"

# A caller key and an operator token signed with it (bench/upstream/caller-token.js, as bench/run.sh does).
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/caller-key.pem" 2>/dev/null
openssl pkey -in "$WORK/caller-key.pem" -pubout -out "$WORK/caller-public.pem"
CALLER_TOKEN=$(node "$BENCH/upstream/caller-token.js" "$WORK/caller-key.pem" releasegraph-soak operator)
export CALLER_TOKEN

STORE_ENV=("QUARKUS_DATASOURCE_JDBC_URL=jdbc:h2:file:$WORK/store;DB_CLOSE_ON_EXIT=FALSE")
if [[ $STORE == postgresql ]]; then
    PG_DB="rg_soak_$(date +%s)_$RANDOM"
    psql_admin "CREATE DATABASE $PG_DB"
    STORE_ENV=(GATEWAY_STORE=postgresql "QUARKUS_DATASOURCE_PG_JDBC_URL=jdbc:postgresql://$PG_HOST/$PG_DB"
        "QUARKUS_DATASOURCE_PG_USERNAME=$PG_USER" "QUARKUS_DATASOURCE_PG_PASSWORD=${RG_PG_PASSWORD:-}")
elif [[ $STORE != h2 ]]; then
    die "SOAK_STORE is h2 or postgresql, not $STORE"
fi

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT/graphql
# shellcheck disable=SC2086  # JVM_OPTS is a list of options
env MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/caller-public.pem" MP_JWT_VERIFY_ISSUER=releasegraph-soak \
    MALLOC_ARENA_MAX=2 QUARKUS_HTTP_HOST=127.0.0.1 "QUARKUS_HTTP_PORT=$PORT" \
    "${STORE_ENV[@]}" \
    "$JAVA_BIN" $JVM_OPTS -jar "$JAR" >"$WORK/gateway.log" 2>&1 &
GW_PID=$!

body_file() { # body_file <query name> [variables JSON] -> path of the JSON request body
    local out=$WORK/body-$1.json
    jq -n --rawfile q "$BENCH/queries/$1.graphql" --argjson v "${2:-null}" \
        '{query: $q} + (if $v == null then {} else {variables: $v} end)' >"$out"
    echo "$out"
}
MUTATION=$(body_file mutation '{"key": "soak-{{n}}"}')
RUNS=$(body_file runs)
RELEASES=$(body_file releases)
FLAT=$(body_file flat)
# One mutation in four requests; the runs query twice as often as each other read.
export SOAK_BODIES="$MUTATION:$RUNS:$RELEASES:$RUNS:$FLAT:$MUTATION:$RUNS:$RELEASES"

for ((i = 0; i < 600; i++)); do
    kill -0 "$GW_PID" 2>/dev/null || { tail -30 "$WORK/gateway.log" >&2; die "the gateway exited"; }
    answer=$(curl -s -H 'Content-Type: application/json' -H "Authorization: Bearer $CALLER_TOKEN" \
        -d '{"query":"{ deployments(first: 1) { totalCount } }"}' "$URL" || true)
    jq -e '.data.deployments.totalCount > 0' <<<"${answer:-null}" >/dev/null 2>&1 && break
    sleep 0.1
done
jq -e '.data.deployments.totalCount > 0' <<<"${answer:-null}" >/dev/null 2>&1 || die "the gateway gave no good answer in 60 s"
log "gateway up on $URL; $MINUTES rounds of ${ROUND_SECONDS}s, $CONNECTIONS connections"

rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$GW_PID/status"; }
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }

ROWS=()
RPS=()
RSS=()
TOTAL_ERRORS=0
for ((round = 1; round <= MINUTES; round++)); do
    out=$(SOAK_ROUND=$round wrk -t"$THREADS" -c"$CONNECTIONS" -d"${ROUND_SECONDS}s" --timeout 10s \
        -s "$BENCH/wrk/mixed.lua" "$URL")
    line=$(grep '^SOAK requests' <<<"$out") || die "wrk gave no result: $out"
    requests=$(field requests "$line")
    duration=$(field duration_us "$line")
    errors=$(($(field errors "$line") + $(field socket_errors "$line")))
    rps=$(awk -v r="$requests" -v d="$duration" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
    rss=$(rss_mb)
    p99=$(awk -v u="$(field p99_us "$line")" 'BEGIN { printf "%.1f", u / 1000 }')
    RPS+=("$rps")
    RSS+=("$rss")
    TOTAL_ERRORS=$((TOTAL_ERRORS + errors))
    ROWS+=("| $round | $rps | $p99 | $errors | $rss |")
    log "minute $round: $rps req/s, p99 $p99 ms, $errors errors, RSS $rss MB"
    grep '^SOAK first_error' <<<"$out" >&2 || true
done

runs=$(curl -s -H 'Content-Type: application/json' -H "Authorization: Bearer $CALLER_TOKEN" \
    -d '{"query":"{ deployment(id: \"dHJpZmFjdGE6RGVwbG95bWVudDox\") { runs(first: 1) { totalCount } } }"}' "$URL" \
    | jq -r '.data.deployment.runs.totalCount')

second=${RPS[1]:-${RPS[0]}}
last=${RPS[-1]}
verdict() { # verdict <last> <second> -> "yes" when last is within 20% of second (or above it)
    awk -v l="$1" -v s="$2" 'BEGIN { print (l >= 0.8 * s) ? "yes" : "no" }'
}
throughput_ok=$(verdict "$last" "$second")
rss_ok=$(awk -v l="${RSS[-1]}" -v s="${RSS[1]:-${RSS[0]}}" 'BEGIN { print (l <= 1.2 * s) ? "yes" : "no" }')
errors_ok=$([[ $TOTAL_ERRORS == 0 ]] && echo yes || echo no)

mkdir -p "$(dirname "$RESULT")"
{
    echo "# Soak $(date -u '+%F %H:%M UTC')"
    echo
    echo "Commit $(git -C "$ROOT" rev-parse --short HEAD); $(nproc) cores; $("$JAVA_BIN" -version 2>&1 | head -1);" \
        "JVM options \`$JVM_OPTS\`; $CONNECTIONS connections, $THREADS wrk threads, rounds of ${ROUND_SECONDS}s."
    echo "Traffic: runDeployment (new idempotency key each) 2/8, deployments' runs 3/8, releases 2/8, flat list 1/8;"
    echo "sandbox upstreams, store: $STORE. Runs recorded for deployment 1 at the end: $runs."
    [[ -z $NOTE ]] || echo "Note: $NOTE"
    echo
    echo "| minute | req/s | p99 ms | errors | RSS MB |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "- last minute's throughput within 20% of the second's ($last vs $second req/s): $throughput_ok"
    echo "- no errors ($TOTAL_ERRORS): $errors_ok"
    echo "- RSS flat (last minute ${RSS[-1]} MB vs second ${RSS[1]:-${RSS[0]}} MB, within 20%): $rss_ok"
} >"$RESULT"
cat "$RESULT"
[[ $throughput_ok == yes && $errors_ok == yes && $rss_ok == yes ]]
