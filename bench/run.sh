#!/usr/bin/env bash
# Releasegraph benchmark harness (issue 7): one command, bench/run.sh.
#
# Installs nginx, wrk, jq and node from Debian when missing, builds the gateway, serves canned upstream JSON
# (bench/upstream/generate.js) from nginx on a free loopback port, points the gateway at it and measures every
# scenario with wrk: requests/s, p50/p99, upstream calls per GraphQL request, gateway CPU-seconds per 1000
# requests, peak RSS, and cold start to the first good answer. Writes bench/results/<date>.md and prints it.
# Everything listens on 127.0.0.1; every process started here is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

# ---- Settings (environment) --------------------------------------------------------------------------------------
DURATION=${BENCH_DURATION:-15}        # seconds measured per scenario
WARMUP=${BENCH_WARMUP:-10}            # seconds of load before each measurement (JIT, connection pools, warm cache)
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
JVM_OPTS=${BENCH_JVM_OPTS:--Xmx128m -Xmn80m -XX:+UseSerialGC}  # the JVM settings the README documents; RSS is judged with them
# The JVM that runs the gateway: BENCH_JAVA_HOME, else the newest JDK 25 under /usr/lib/jvm (what the README
# recommends for production), else the java on the PATH.
NEWEST_JDK=$(ls -d /usr/lib/jvm/*-25* /usr/lib/jvm/*25-jdk* 2>/dev/null | head -1 || true)
JAVA_HOME_BENCH=${BENCH_JAVA_HOME:-$NEWEST_JDK}
JAVA_BIN=${JAVA_HOME_BENCH:+$JAVA_HOME_BENCH/bin/}java
AOT=${BENCH_AOT:-auto}                # 1: train a JDK 25 AOT cache first and start every gateway with it; auto: when JDK >= 25
DELAY_MS=${BENCH_DELAY_MS:-20}        # every upstream answer in the latency round takes this long
LATENCY_SCENARIOS=${BENCH_LATENCY_SCENARIOS:-flat nested releases}
PAGE_SIZE=${BENCH_TRIFACTA_PAGE_SIZE:-200}  # gateway.trifacta.page-size; 200 is the gateway's default
BUILD=${BENCH_BUILD:-1}               # 0 reuses target/quarkus-app
ROUNDS_OF=${BENCH_ROUNDS_OF:-}          # e.g. "nested": only typename and flat, then this scenario BENCH_ROUNDS times, strict
ROUNDS=${BENCH_ROUNDS:-5}              #   on one gateway (comparing two builds: warm-up and round-to-round noise)
PROFILE=${BENCH_PROFILE:-}            # scenarios to profile with JFR after measuring them, e.g. "flat-strict latency-nested"
TAILCALL=${BENCH_TAILCALL:-1}         # 0 skips the Tailcall reference row (issue 17; bench/tailcall)
TAILCALL_CACHE=${BENCH_TAILCALL_CACHE:-/tmp/releasegraph-tailcall}  # where bench/tailcall/install.sh keeps it
NOTE=${BENCH_NOTE:-}                  # a line for the report, e.g. "machine busy with other builds"
RESULT=${BENCH_RESULT:-$BENCH/results/$(date -u +%F).md}

# The cache switch of issue 5, here and nowhere else: one environment assignment for "strict" (no cache; every read
# goes to the upstream) and one for "warm" (cache on with its default TTLs).
CACHE_STRICT=${BENCH_CACHE_STRICT:-GATEWAY_CACHE_ENABLED=false}
CACHE_WARM=${BENCH_CACHE_WARM:-GATEWAY_CACHE_ENABLED=true}

WORK=$(mktemp -d /tmp/releasegraph-bench.XXXXXX)
chmod 755 "$WORK"                     # nginx workers run unprivileged and read the canned JSON in here
ROWS=$WORK/rows.tsv                   # one line per measurement, turned into the report at the end
STARTS=$WORK/starts.tsv               # one line per gateway start: label, cold start ms, VmHWM MB at stop
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "work files kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- Tools -------------------------------------------------------------------------------------------------------
install_tools() {
    local missing=()
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
    command -v wrk >/dev/null || missing+=(wrk)
    command -v jq >/dev/null || missing+=(jq)
    command -v node >/dev/null || missing+=(nodejs)
    command -v jcmd >/dev/null || missing+=(openjdk-17-jdk-headless)
    ((${#missing[@]})) || return 0
    log "installing ${missing[*]}"
    local sudo=() guard=/usr/sbin/policy-rc.d own_guard=0
    ((EUID == 0)) || sudo=(sudo)
    # Debian starts a service on install (nginx on *:80); nothing may listen beyond loopback, so forbid that.
    if [[ ! -e $guard ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$guard" >/dev/null
        "${sudo[@]}" chmod 755 "$guard"
        own_guard=1
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
    ((own_guard == 0)) || "${sudo[@]}" rm -f "$guard"
}

free_port() {
    node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# wait_port <port> <pid>: until something accepts on 127.0.0.1:<port> (10 s at most)
wait_port() {
    local i
    for ((i = 0; i < 200; i++)); do
        kill -0 "$2" 2>/dev/null || die "process $2 for port $1 died"
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.05
    done
    die "nothing listens on 127.0.0.1:$1"
}

# ---- Upstreams ---------------------------------------------------------------------------------------------------
start_nginx() {
    UP_PORT=$(free_port)
    CEILING_PORT=$(free_port)
    mkdir -p "$WORK/nginx"
    local lookup='try_files $uri/offset-$arg_offset.json $uri/page-$arg_page.json $uri.json =404;'
    cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    types { application/json json; }
    default_type application/json;
    sendfile on;
    keepalive_requests 10000000;
    client_body_temp_path $WORK/nginx/body;
    log_format calls '\$request_method \$uri \$status';
    # The upstreams the gateway calls; one access-log line per upstream call.
    server {
        listen 127.0.0.1:$UP_PORT;
        root $WORK/data;
        access_log $WORK/upstream-access.log calls;
        location / { $lookup }
    }
    # The same files for nginx's own throughput (the ceiling), without a log.
    server {
        listen 127.0.0.1:$CEILING_PORT;
        root $WORK/data;
        access_log off;
        location / { $lookup }
    }
}
EOF
    touch "$WORK/upstream-access.log"
    nginx -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
    NGINX_PID=$!
    PIDS+=("$NGINX_PID")
    wait_port "$UP_PORT" "$NGINX_PID"
    wait_port "$CEILING_PORT" "$NGINX_PID"
}

start_delay_server() {
    DELAY_PORT=$(free_port)
    touch "$WORK/delay-access.log"
    node "$BENCH/upstream/delay-server.js" "$WORK/data" "$DELAY_PORT" "$DELAY_MS" "$WORK/delay-access.log" &
    DELAY_PID=$!
    PIDS+=("$DELAY_PID")
    wait_port "$DELAY_PORT" "$DELAY_PID"
}

# A caller key pair and an operator token signed with it: the gateway verifies callers in every mode.
make_caller_token() {
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/caller-key.pem" 2>/dev/null
    openssl pkey -in "$WORK/caller-key.pem" -pubout -out "$WORK/caller-public.pem"
    CALLER_TOKEN=$(node "$BENCH/upstream/caller-token.js" "$WORK/caller-key.pem" releasegraph-bench operator)
    export CALLER_TOKEN
}

caller_env() {
    printf '%s\n' "MP_JWT_VERIFY_PUBLICKEY_LOCATION=$WORK/caller-public.pem" MP_JWT_VERIFY_ISSUER=releasegraph-bench
}

# Gateway environment against canned upstreams at base URL $1 (Cryptlex is used when the gateway has it).
upstream_env() {
    printf '%s\n' "QUARKUS_REST_CLIENT_TRIFACTA_URL=$1/trifacta" "QUARKUS_REST_CLIENT_LAUNCHDARKLY_URL=$1/launchdarkly" \
        "QUARKUS_REST_CLIENT_CRYPTLEX_URL=$1/cryptlex" GATEWAY_TRIFACTA_TOKEN=bench GATEWAY_LAUNCHDARKLY_TOKEN=bench \
        GATEWAY_CRYPTLEX_TOKEN=bench GATEWAY_LAUNCHDARKLY_PROJECTS=web-app,mobile-app GATEWAY_SANDBOX_ENABLED=false
}

# Gateway environment for the built-in sandboxes; their calls are counted from the gateway's own access log.
sandbox_env() {
    printf '%s\n' GATEWAY_SANDBOX_ENABLED=true QUARKUS_HTTP_ACCESS_LOG_ENABLED=true \
        QUARKUS_HTTP_ACCESS_LOG_LOG_TO_FILE=true "QUARKUS_HTTP_ACCESS_LOG_LOG_DIRECTORY=$WORK" \
        QUARKUS_HTTP_ACCESS_LOG_BASE_FILE_NAME=sandbox-access QUARKUS_HTTP_ACCESS_LOG_PATTERN='%m %U %s' \
        'QUARKUS_HTTP_ACCESS_LOG_EXCLUDE_PATTERN=/graphql.*'
}

# ---- Gateway -----------------------------------------------------------------------------------------------------
build_gateway() {
    JAR=$ROOT/target/quarkus-app/quarkus-run.jar
    if [[ $BUILD == 1 ]]; then
        log "building the gateway (./mvnw package -DskipTests)"
        (cd "$ROOT" && ./mvnw -q -B package -DskipTests) >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build failed"; }
    fi
    [[ -f $JAR ]] || die "no $JAR; run without BENCH_BUILD=0"
    if [[ -d $ROOT/src/main/java/io/releasegraph/provider/cryptlex ]]; then HAS_CRYPTLEX=yes; else HAS_CRYPTLEX=no; fi
}

body_file() { # body_file <query name> [variables JSON] -> path of the JSON request body
    local out=$WORK/body-$1.json
    jq -n --rawfile q "$BENCH/queries/$1.graphql" --argjson v "${2:-null}" \
        '{query: $q} + (if $v == null then {} else {variables: $v} end)' >"$out"
    echo "$out"
}

# post <url> <body file>: one request; prints "<http status> <seconds>", the answer in $WORK/answer.json
post() {
    curl -s -o "$WORK/answer.json" -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $CALLER_TOKEN" \
        --data-binary @<(sed "s/{{n}}/probe-$RANDOM$RANDOM/g" "$2") "$1" || true
}

good_answer() { jq -e '(.errors == null) and (.data != null)' "$WORK/answer.json" >/dev/null 2>&1; }

# await_good_answer <pid> <url> <log> <what> <deadline ns>: until {__typename} answers 200 with data; dies if the
# process exits (showing the end of its log) or the deadline passes.
await_good_answer() {
    local status
    while :; do
        kill -0 "$1" 2>/dev/null || { tail -30 "$3" >&2; die "$4 exited"; }
        read -r status _ < <(post "$2" "$TYPENAME")
        [[ $status == 200 ]] && good_answer && return
        (($(date +%s%N) < $5)) || die "$4 gave no good answer within 60 s"
        sleep 0.02
    done
}

# start_gateway <label> <VAR=value>...: starts the jar; sets GW_PID, GW_URL and records the cold start, from launch
# to the first 200 with data for {__typename}.
start_gateway() {
    local label=$1 t0 deadline
    shift
    GW_PORT=$(free_port)
    GW_URL=http://127.0.0.1:$GW_PORT/graphql
    t0=$(date +%s%N)
    deadline=$((t0 + 60 * 1000000000))
    # shellcheck disable=SC2086  # JVM_OPTS is a list of options
    env "$@" $(caller_env) MALLOC_ARENA_MAX=2 QUARKUS_HTTP_HOST=127.0.0.1 "QUARKUS_HTTP_PORT=$GW_PORT" "GATEWAY_TRIFACTA_PAGE_SIZE=$PAGE_SIZE" \
        'QUARKUS_DATASOURCE_JDBC_URL=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1' \
        "$JAVA_BIN" $JVM_OPTS $AOT_FLAG ${PROFILE:+-XX:FlightRecorderOptions:stackdepth=256} -jar "$JAR" >"$WORK/gateway-$label.log" 2>&1 &
    GW_PID=$!
    PIDS+=("$GW_PID")
    await_good_answer "$GW_PID" "$GW_URL" "$WORK/gateway-$label.log" "gateway $label" "$deadline"
    GW_COLD_MS=$((($(date +%s%N) - t0) / 1000000))
    log "gateway $label: first good answer after ${GW_COLD_MS} ms"
}

stop_gateway() {
    local hwm
    hwm=$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$GW_PID/status")
    printf '%s\t%s\t%s\n' "$1" "$GW_COLD_MS" "$hwm" >>"$STARTS"
    kill "$GW_PID"
    wait "$GW_PID" 2>/dev/null || true
}

# ---- The stack's ceiling ------------------------------------------------------------------------------------------
# bare_gateway: ceiling/BareGateway.java, a Vert.x route doing only the flat list's upstream call, Jackson parse and
# JSON answer, on the gateway's libraries and JVM settings: what the machine allows before any gateway code runs.
start_bare() {
    BARE_PORT=$(free_port)
    # shellcheck disable=SC2086  # JVM_OPTS is a list of options
    MALLOC_ARENA_MAX=2 "$JAVA_BIN" $JVM_OPTS -cp "$ROOT/target/quarkus-app/lib/main/*" "$BENCH/ceiling/BareGateway.java" \
        "$BARE_PORT" "http://127.0.0.1:$UP_PORT" >"$WORK/bare.log" 2>&1 &
    BARE_PID=$!
    PIDS+=("$BARE_PID")
    local i
    for ((i = 0; i < 600; i++)); do # the source launcher compiles first
        kill -0 "$BARE_PID" 2>/dev/null || { cat "$WORK/bare.log" >&2; die "the bare route exited"; }
        (exec 3<>"/dev/tcp/127.0.0.1/$BARE_PORT") 2>/dev/null && return 0
        sleep 0.1
    done
    die "the bare route does not listen"
}

# ---- JDK 25 AOT cache (JEP 483/515): classes loaded and linked, and method profiles, from a training run ----------
java_feature() { "$JAVA_BIN" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }'; }

# train_aot: one gateway run against the canned upstreams that answers every scenario a few times; its exit writes
# $WORK/gateway.aot (the JVM assembles it in a child process, so wait for the file to be complete).
train_aot() {
    [[ $AOT == auto ]] && { if (($(java_feature) >= 25)); then AOT=1; else AOT=0; fi; }
    [[ $AOT == 1 ]] || { AOT_FLAG=; return 0; }
    local vars s i
    mapfile -t vars < <(upstream_env "http://127.0.0.1:$UP_PORT")
    AOT_FLAG="-XX:AOTCacheOutput=$WORK/gateway.aot"
    start_gateway aot-training "${vars[@]}" "$CACHE_WARM"
    for s in typename flat nested releases; do
        for ((i = 0; i < 20; i++)); do post "$GW_URL" "$(body_file "$s")" >/dev/null; done
    done
    kill "$GW_PID"
    wait "$GW_PID" 2>/dev/null || true
    local size before=-1
    for ((i = 0; i < 240; i++)); do # the file exists, empty, until the child is done; then its size stays put
        size=$(stat -c %s "$WORK/gateway.aot" 2>/dev/null || echo 0)
        ((size > 0 && size == before)) && break
        before=$size
        sleep 1
    done
    [[ -s $WORK/gateway.aot ]] || die "the AOT training run wrote no cache"
    AOT_FLAG="-XX:AOTCache=$WORK/gateway.aot"
    log "AOT cache: $(du -h "$WORK/gateway.aot" | cut -f1)"
}

# ---- Measuring ---------------------------------------------------------------------------------------------------
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
lines() { wc -l <"$1"; }

# peak_rss <pid> <seconds>: the highest VmRSS (MB) sampled every 0.2 s for that long
peak_rss() {
    local end=$((SECONDS + $2)) peak=0 rss
    while ((SECONDS < end)) && [[ -r /proc/$1/status ]]; do
        rss=$(awk '/VmRSS/ { print $2 }' "/proc/$1/status")
        ((rss > peak)) && peak=$rss
        sleep 0.2
    done
    echo $((peak / 1024))
}

# settle <pid>: waits (15 s at most) until the process is idle, i.e. the requests wrk left behind are answered
settle() {
    local i before
    for ((i = 0; i < 50; i++)); do
        before=$(cpu_ticks "$1")
        sleep 0.3
        (($(cpu_ticks "$1") - before <= 2)) && return 0
    done
    log "process $1 still busy after 15 s"
}

# run_wrk <seconds> <url> <body file or ""> -> "BENCH requests=… …" line
run_wrk() {
    BENCH_BODY=$3 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${1}s" --timeout 10s -s "$BENCH/wrk/graphql.lua" "$2" \
        | grep '^BENCH' || die "wrk gave no result for $2"
}

field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }

# measure <scenario> <url> <body file or ""> <pid or ""> <calls log or ""> [cache]
# Warm-up, three single requests (calls per request, good answer, fastest time), then the measured run.
measure() {
    local name=$1 url=$2 body=$3 pid=$4 calls_log=$5 cache=${6:--}
    local probe_calls=- probe_ms=- cpu=- rss=- load_calls=- before status secs best=999999 i out
    log "$name: warm-up ${WARMUP}s"
    run_wrk "$WARMUP" "$url" "$body" >/dev/null
    [[ -z $pid ]] || settle "$pid"
    if [[ -n $body ]]; then
        [[ -z $calls_log ]] || before=$(lines "$calls_log")
        for i in 1 2 3; do
            read -r status secs < <(post "$url" "$body")
            [[ $status == 200 ]] && good_answer || { cat "$WORK/answer.json" >&2; die "$name: bad answer ($status)"; }
            best=$(awk -v a="$best" -v b="$secs" 'BEGIN { print (b * 1000 < a) ? b * 1000 : a }')
        done
        probe_ms=$(printf '%.1f' "$best")
        cp "$WORK/answer.json" "$WORK/answer-$name.json" # for the Tailcall row's comparison
        sleep 0.3
        [[ -z $calls_log ]] || probe_calls=$(awk -v n=$(($(lines "$calls_log") - before)) 'BEGIN { printf "%.1f", n / 3 }')
    fi
    local ticks0=0 lines0=0
    [[ -z $pid ]] || settle "$pid"
    [[ -z $pid ]] || ticks0=$(cpu_ticks "$pid")
    [[ -z $calls_log ]] || lines0=$(lines "$calls_log")
    local sampler=
    if [[ -n $pid ]]; then
        peak_rss "$pid" "$DURATION" >"$WORK/rss" &
        sampler=$!
    fi
    log "$name: measuring ${DURATION}s"
    out=$(run_wrk "$DURATION" "$url" "$body")
    [[ -z $sampler ]] || wait "$sampler"
    sleep 0.5 # upstream calls of the requests wrk cut off at the end still land in the log
    local requests seconds
    requests=$(field requests "$out")
    seconds=$(awk -v us="$(field duration_us "$out")" 'BEGIN { print us / 1e6 }')
    if [[ -n $pid ]]; then
        cpu=$(awk -v t="$(($(cpu_ticks "$pid") - ticks0))" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
            'BEGIN { printf "%.3f", t / hz / n * 1000 }')
        rss=$(cat "$WORK/rss")
    fi
    [[ -z $calls_log ]] || load_calls=$(awk -v n=$(($(lines "$calls_log") - lines0)) -v r="$requests" \
        'BEGIN { printf "%.2f", n / r }')
    printf '%s\t%s\t%.0f\t%.1f\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$cache" \
        "$(awk -v r="$requests" -v s="$seconds" 'BEGIN { print r / s }')" \
        "$(awk -v v="$(field p50_us "$out")" 'BEGIN { print v / 1000 }')" \
        "$(awk -v v="$(field p99_us "$out")" 'BEGIN { print v / 1000 }')" \
        "$(($(field errors "$out") + $(field socket_errors "$out")))" "$requests" \
        "$probe_calls" "$load_calls" "$cpu" "$rss" "$probe_ms" >>"$ROWS"
    [[ " $PROFILE " != *" $name "* || -z $pid ]] || profile "$name" "$url" "$body" "$pid"
}

# profile <scenario> <url> <body> <pid>: one more run of the scenario under JFR, summarised next to the report
profile() {
    local jfr=$WORK/$1.jfr summary=${RESULT%.md}-$1-profile.txt
    log "$1: profiling ${DURATION}s with JFR"
    jcmd "$4" JFR.start name=bench settings=profile "filename=$jfr" >/dev/null
    run_wrk "$DURATION" "$2" "$3" >/dev/null
    jcmd "$4" JFR.stop name=bench >/dev/null
    "$BENCH/jfr-top.sh" "$jfr" >"$summary" || log "$1: JFR summary failed"
    log "$1: profile summary in ${summary#"$ROOT"/}"
}

# tailcall_row: Tailcall 1.6.14 (bench/tailcall: `dedupe: true` on every @http, poolMaxIdlePerHost 200) on the same
# nginx, measured like the gateway: {__typename}, flat and nested, each answer compared with the strict gateway's.
tailcall_row() {
    local port deadline t0 s pid url cold
    "$BENCH/tailcall/install.sh" "$TAILCALL_CACHE" >/dev/null || die "Tailcall did not install (BENCH_TAILCALL=0 skips it)"
    port=$(free_port)
    PAGE_SIZE=$PAGE_SIZE "$BENCH/tailcall/config.sh" "http://127.0.0.1:$UP_PORT" "$port" "$WORK/tailcall.graphql"
    t0=$(date +%s%N)
    deadline=$((t0 + 60 * 1000000000))
    "$TAILCALL_CACHE/bin/tailcall" start "$WORK/tailcall.graphql" >"$WORK/tailcall.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    url=http://127.0.0.1:$port/graphql
    await_good_answer "$pid" "$url" "$WORK/tailcall.log" Tailcall "$deadline"
    cold=$((($(date +%s%N) - t0) / 1000000))
    for s in typename flat nested; do
        measure "tailcall-$s" "$url" "$(body_file "$s")" "$pid" "$WORK/upstream-access.log" dedupe
    done
    same_answers flat deployments
    same_answers nested releases
    printf '%s\t%s\t%s\n' tailcall "$cold" "$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")" >>"$STARTS"
    kill "$pid"
}

# same_answers <scenario> <root field>: Tailcall's last answer against the strict gateway's, node for node on every
# field both give. Nodes are matched by Trifacta's ID (the gateway's global ID is base64url of trifacta:<Type>:<id>),
# and a timestamp's ".000" milliseconds are dropped (Tailcall passes Trifacta's text on; the gateway prints an
# Instant). The IDs' form, that format and the order of the nodes (the gateway's: newest first) are all that differ.
same_answers() {
    local program
    # shellcheck disable=SC2016  # a jq program
    program='def tid: tostring | if test("^[0-9]+$") then . else (@base64d | split(":") | last) end;
        def ts: if . == null then . else sub("\\.000Z$"; "Z") end;
        [.data.'"$2"'.nodes[] | .id |= tid
         | if has("createdAt") then .createdAt |= ts else . end
         | if has("updatedAt") then .updatedAt |= ts else . end
         | if .deployment then .deployment.id |= tid else . end]
        | sort_by(.id | tonumber)'
    jq -S "$program" "$WORK/answer-$1-strict.json" >"$WORK/compare-gateway-$1.json"
    jq -S "$program" "$WORK/answer-tailcall-$1.json" >"$WORK/compare-tailcall-$1.json"
    if ! diff -q "$WORK/compare-gateway-$1.json" "$WORK/compare-tailcall-$1.json" >/dev/null; then
        diff "$WORK/compare-gateway-$1.json" "$WORK/compare-tailcall-$1.json" | head -20 >&2
        die "$1: Tailcall's answer differs from the gateway's"
    fi
    log "$1: Tailcall's answer equals the gateway's node for node ($(jq length "$WORK/compare-tailcall-$1.json") nodes)"
}

# ---- Report ------------------------------------------------------------------------------------------------------
# value <scenario> <column>: columns 3 rps, 4 p50, 5 p99, 6 errors, 7 requests, 8 calls/req alone, 9 calls/req
# under load, 10 CPU-s/1000, 11 peak RSS MB, 12 single-request ms
value() { awk -F'\t' -v s="$1" -v c="$2" '$1 == s { print $c }' "$ROWS"; }

verdict() { # verdict <awk condition on a and b> <a> <b>
    if [[ -n $2 && -n $3 && $2 != - && $3 != - ]] && awk -v a="$2" -v b="$3" "BEGIN { exit !($1) }"; then
        echo PASS
    else
        echo FAIL
    fi
}

# round_trips <scenario>: the upstream round trips one request needs one after another, by the gateway's design, for
# the latency round's ideal. A Trifacta list is its pages in turn, the last one short (with 100 items and page size
# 100, an empty one); nested adds one parallel wave of deployment reads; releases waits for its slowest source,
# LaunchDarkly: pipelines, then progressions, then 8 flag releases per project 4 at a time
# (LaunchDarklyClient.LIST_CONCURRENCY), 2 waves. The 100s are the list lengths of upstream/generate.js.
round_trips() {
    local pages=$((100 / PAGE_SIZE + 1))
    case $1 in
        flat) echo "$pages" ;;
        nested) echo $((pages + 1)) ;;
        releases) echo $((pages > 4 ? pages : 4)) ;;
        *) die "no round trips known for $1" ;;
    esac
}

targets() {
    local nginx typename_warm s rps rt ideal peak cold
    nginx=$(value nginx 3)
    typename_warm=$(value typename-warm 3)
    echo "| target | measured | verdict |"
    echo "|---|---|---|"
    echo "| nested N+1, strict: ≤ 11 upstream calls per request | $(value nested-strict 8) | $(verdict 'a <= 11' "$(value nested-strict 8)" 0) |"
    echo "| nested N+1, warm: 0 upstream calls per request | $(value nested-warm 8) | $(verdict 'a == 0' "$(value nested-warm 8)" 0) |"
    for s in $LATENCY_SCENARIOS; do
        rps=$(value "latency-$s" 3)
        rt=$(round_trips "$s")
        ideal=$(awk -v c="$CONNECTIONS" -v d="$DELAY_MS" -v r="$rt" 'BEGIN { printf "%.0f", c / (d / 1000 * r) }')
        echo "| ${DELAY_MS} ms upstreams, $s, $CONNECTIONS connections: ≥ 80% of ideal $CONNECTIONS / (${DELAY_MS} ms × $rt round trips) = $ideal req/s | $rps req/s = $(awk -v a="$rps" -v b="$ideal" 'BEGIN { printf "%.0f%%", 100 * a / b }') (one request alone: $(value "latency-$s" 12) ms) | $(verdict 'a >= 0.8 * b' "$rps" "$ideal") |"
    done
    echo "| warm nested ≥ 50% of warm \`{__typename}\` | $(value nested-warm 3) / $typename_warm = $(awk -v a="$(value nested-warm 3)" -v b="$typename_warm" 'BEGIN { printf "%.1f%%", 100 * a / b }') | $(verdict 'a >= 0.5 * b' "$(value nested-warm 3)" "$typename_warm") |"
    echo "| flat list, strict ≥ 35% of nginx serving the same JSON | $(value flat-strict 3) / $nginx = $(awk -v a="$(value flat-strict 3)" -v b="$nginx" 'BEGIN { printf "%.1f%%", 100 * a / b }') (the bare Vert.x route: $(awk -v a="$(value bare-flat 3)" -v b="$nginx" 'BEGIN { printf "%.1f%%", 100 * a / b }')) | $(verdict 'a >= 0.35 * b' "$(value flat-strict 3)" "$nginx") |"
    peak=$(awk -F'\t' '$1 !~ /^tailcall-/ && $11 ~ /^[0-9]+$/ && $11 > m { m = $11 } END { print m + 0 }' "$ROWS")
    echo "| peak RSS under load ≤ 300 MB (\`$JVM_OPTS\`) | $peak MB | $(verdict 'a <= 300' "$peak" 0) |"
    cold=$(awk -F'\t' '$1 != "tailcall" && $2 > m { m = $2 } END { print m + 0 }' "$STARTS")
    echo "| cold start ≤ 3 s to the first good answer (slowest of $(lines "$STARTS") starts) | $cold ms | $(verdict 'a <= 3000' "$cold" 0) |"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "" && a != "-") printf "%.2f×", a / b; else print "-" }'; }

# tailcall_targets: issue 17's targets, every gateway row as a ratio to Tailcall's in the same run.
tailcall_targets() {
    local s tc off on peak cold limit
    echo "| scenario | Tailcall req/s | gateway, cache off | × Tailcall | gateway, cache on | × Tailcall |"
    echo "|---|---:|---:|---:|---:|---:|"
    for s in typename flat nested; do
        tc=$(value "tailcall-$s" 3)
        off=$(value "$s-strict" 3)
        on=$(value "$s-warm" 3)
        echo "| $s | $tc | $off | $(ratio "$off" "$tc") | $on | $(ratio "$on" "$tc") |"
    done
    echo
    echo "| target (issue 17) | measured | verdict |"
    echo "|---|---|---|"
    for s in flat nested; do
        off=$(value "$s-strict" 3)
        tc=$(value "tailcall-$s" 3)
        echo "| cache off, $s ≥ 1.0× Tailcall | $(ratio "$off" "$tc") | $(verdict 'a >= b' "$off" "$tc") |"
    done
    for s in flat nested; do
        on=$(value "$s-warm" 3)
        tc=$(value "tailcall-$s" 3)
        echo "| cache on, $s ≥ 2.0× Tailcall | $(ratio "$on" "$tc") | $(verdict 'a >= 2 * b' "$on" "$tc") |"
    done
    on=$(value typename-warm 3)
    tc=$(value tailcall-typename 3)
    echo "| cache on, \`{__typename}\` ≥ 1.0× Tailcall | $(ratio "$on" "$tc") | $(verdict 'a >= b' "$on" "$tc") |"
    peak=$(awk -F'\t' '$1 !~ /^tailcall-/ && $11 ~ /^[0-9]+$/ && $11 > m { m = $11 } END { print m + 0 }' "$ROWS")
    echo "| gateway peak RSS under load ≤ 200 MB (\`$JVM_OPTS\`; Tailcall: $(value tailcall-nested 11) MB) | $peak MB | $(verdict 'a <= 200' "$peak" 0) |"
    limit=3000
    [[ -z $AOT_FLAG ]] || limit=1500
    cold=$(awk -F'\t' '$1 != "tailcall" && $2 > m { m = $2 } END { print m + 0 }' "$STARTS")
    echo "| gateway first answer ≤ $limit ms ($([[ -n $AOT_FLAG ]] && echo 'JDK 25 with the AOT cache' || echo 'no AOT cache'), slowest start; Tailcall: $(awk -F'\t' '$1 == "tailcall" { print $2 }' "$STARTS") ms) | $cold ms | $(verdict "a <= $limit" "$cold" 0) |"
}

report() {
    mkdir -p "$(dirname "$RESULT")"
    {
        echo "# Releasegraph benchmark, $(date -u '+%F %H:%M') UTC"
        echo
        echo "Commit \`$(git -C "$ROOT" rev-parse --short HEAD)\`$(git -C "$ROOT" diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)'),"
        echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $("$JAVA_BIN" -version 2>&1 | head -1)$([[ -n $AOT_FLAG ]] && echo ' with an AOT cache from a training run')."
        echo "wrk ${THREADS} threads, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per scenario; JVM \`$JVM_OPTS\`;"
        echo "Trifacta page size $PAGE_SIZE; cache strict \`$CACHE_STRICT\`, warm \`$CACHE_WARM\`; gateway has Cryptlex: $HAS_CRYPTLEX."
        [[ -z $NOTE ]] || { echo; echo "**Note:** $NOTE"; }
        echo
        echo "| scenario | cache | req/s | p50 ms | p99 ms | errors | calls/req alone | calls/req under load | CPU-s/1000 req | gateway cores busy | peak RSS MB |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        awk -F'\t' '{ cores = ($10 == "-") ? "-" : sprintf("%.2f", $10 * $3 / 1000)
                      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $8, $9, $10, cores, $11 }' "$ROWS"
        echo
        echo "Gateway starts (cold start = launch to the first 200 with data for \`{__typename}\`; VmHWM at stop):"
        echo
        echo "| start | cold start ms | VmHWM MB |"
        echo "|---|---:|---:|"
        awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }' "$STARTS"
        echo
        echo "## Targets (issue 7)"
        echo
        targets
        echo
        if [[ -n $(value tailcall-flat 3) ]]; then
            echo
            echo "## Against Tailcall (issue 17)"
            echo
            echo "Tailcall 1.6.14 (bench/tailcall: \`dedupe: true\` on every \`@http\`, \`poolMaxIdlePerHost: 200\`) on the same nginx;"
            echo "its answers equal the strict gateway's node for node on every field both give (IDs, timestamp format and"
            echo "order aside). With dedupe Tailcall also runs identical operations in flight once, so its rows measure that."
            echo
            tailcall_targets
        fi
        echo
        echo "errors = non-200 answers, answers with \`errors\`, and socket errors. \"calls/req alone\" = upstream"
        echo "requests per GraphQL request, three requests one at a time after the warm-up; \"under load\" = upstream"
        echo "requests during the measured run ÷ GraphQL requests (in-flight reads are shared, so it can be lower)."
        echo "\"gateway cores busy\" = CPU-s/1000 req × req/s ÷ 1000: near 2 the gateway is CPU-bound on this machine."
        echo "Latency rounds run strict against a server answering after ${DELAY_MS} ms; their round trips are the gateway's"
        echo "dependent upstream calls by design (see round_trips in bench/run.sh). Mutations run against the built-in"
        echo "sandbox in the gateway's own process (its CPU counts as the gateway's); their calls come from its access log."
        echo "bare-flat is bench/ceiling/BareGateway.java: the flat list's upstream call, parse and JSON answer on a bare"
        echo "Vert.x route, with no GraphQL, auth, fault tolerance or REST client: this machine's ceiling for flat-strict."
    } >"$RESULT"
    cat "$RESULT"
}

# rounds <scenario>: a strict gateway on nginx measures typename and flat once, then the scenario $ROUNDS times in a
# row; prints scenario, req/s and CPU-s per 1000 requests (no report file).
rounds() {
    local vars r
    mapfile -t vars < <(upstream_env "http://127.0.0.1:$UP_PORT")
    start_gateway "nginx-strict" "${vars[@]}" "$CACHE_STRICT"
    for s in typename flat; do
        measure "$s-strict" "$GW_URL" "$(body_file "$s")" "$GW_PID" "$WORK/upstream-access.log" strict
    done
    for r in $(seq "$ROUNDS"); do
        measure "$1-strict-$r" "$GW_URL" "$(body_file "$1")" "$GW_PID" "$WORK/upstream-access.log" strict
    done
    stop_gateway "nginx-strict"
    cut -f1,3,9,10 "$ROWS" # scenario, req/s, upstream calls per request under load, CPU-s per 1000 requests
}

# ---- The run -----------------------------------------------------------------------------------------------------
main() {
    install_tools
    mkdir -p "$(dirname "$RESULT")"
    build_gateway
    log "canned upstream JSON in $WORK/data"
    node "$BENCH/upstream/generate.js" "$WORK/data" "$PAGE_SIZE"
    make_caller_token
    start_nginx
    TYPENAME=$(body_file typename)
    AOT_FLAG=
    train_aot
    local cache assignment s mutation vars
    mutation=$(body_file mutation '{"key": "bench-{{n}}"}')

    if [[ -n $ROUNDS_OF ]]; then
        rounds "$ROUNDS_OF"
        return
    fi
    measure nginx "http://127.0.0.1:$CEILING_PORT/trifacta/v4/deployments?limit=$PAGE_SIZE&offset=0&embed=releases" "" "" ""
    start_bare
    measure bare-flat "http://127.0.0.1:$BARE_PORT/" "$(body_file flat)" "$BARE_PID" "$WORK/upstream-access.log" strict
    kill "$BARE_PID"

    for cache in strict warm; do
        if [[ $cache == strict ]]; then assignment=$CACHE_STRICT; else assignment=$CACHE_WARM; fi
        mapfile -t vars < <(upstream_env "http://127.0.0.1:$UP_PORT")
        start_gateway "nginx-$cache" "${vars[@]}" "$assignment"
        for s in typename flat nested releases; do
            measure "$s-$cache" "$GW_URL" "$(body_file "$s")" "$GW_PID" "$WORK/upstream-access.log" "$cache"
        done
        stop_gateway "nginx-$cache"

        mapfile -t vars < <(sandbox_env)
        touch "$WORK/sandbox-access.log"
        start_gateway "sandbox-$cache" "${vars[@]}" "$assignment"
        measure "mutation-$cache" "$GW_URL" "$mutation" "$GW_PID" "$WORK/sandbox-access.log" "$cache"
        stop_gateway "sandbox-$cache"
    done

    start_delay_server
    mapfile -t vars < <(upstream_env "http://127.0.0.1:$DELAY_PORT")
    start_gateway latency "${vars[@]}" "$CACHE_STRICT"
    for s in $LATENCY_SCENARIOS; do
        measure "latency-$s" "$GW_URL" "$(body_file "$s")" "$GW_PID" "$WORK/delay-access.log" strict
    done
    stop_gateway latency
    [[ $TAILCALL == 0 ]] || tailcall_row
    report
}

main "$@"
