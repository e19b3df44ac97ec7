#!/usr/bin/env bash
# Summarises a JFR recording: where the CPU samples are (jdk.ExecutionSample), by top frame and by the first
# frame of the gateway's own code (io.releasegraph) on the stack, plus GC pauses and allocation by class.
# Usage: bench/jfr-top.sh <file.jfr> [how many rows, default 25]
set -eu  # no pipefail: head ends the sort pipelines early on purpose
jfr_file=$1
rows=${2:-25}
samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
jfr print --events jdk.ExecutionSample --stack-depth 64 "$jfr_file" >"$samples"
total=$(grep -c 'jdk.ExecutionSample' "$samples" || true)
echo "== $jfr_file: $total CPU samples"
echo
echo "== top frames (self time)"
awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print }' "$samples" \
    | sort | uniq -c | sort -rn | head -"$rows"
echo
echo "== first gateway frame (io.releasegraph) on the stack, inclusive"
awk '/stackTrace = \[/ { inside = 1; found = 0; next }
     inside && /^[ \t]*\]/ { if (!found) print "(no gateway frame)"; inside = 0; next }
     inside && !found && /io\.releasegraph\./ { l = $0; sub(/^[ \t]+/, "", l); sub(/[ \t]+line:.*/, "", l); print l; found = 1 }' \
    "$samples" | sort | uniq -c | sort -rn | head -"$rows"
echo
echo "== samples by package of the top frame"
awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); n = split($0, p, "."); print p[1] "." p[2] "." p[3] }' "$samples" \
    | sort | uniq -c | sort -rn | head -"$rows"
echo
echo "== frames on the most stacks (inclusive, any depth)"
awk '/stackTrace = \[/ { inside = 1; delete seen; next }
     inside && /^[ \t]*\]/ { inside = 0; next }
     inside { l = $0; sub(/^[ \t]+/, "", l); sub(/[ \t]+line:.*/, "", l); if (!(l in seen)) { seen[l] = 1; print l } }' \
    "$samples" | sort | uniq -c | sort -rn | head -"$rows"
echo
echo "== GC"
jfr summary "$jfr_file" | grep -E 'jdk\.(GarbageCollection|ObjectAllocationSample|ExecutionSample|JavaMonitorWait|ThreadPark) ' || true
jfr print --events jdk.GarbageCollection "$jfr_file" | awk '/sumOfPauses/ { v = $3; if ($4 == "s") v *= 1000; if ($4 == "us") v /= 1000; n++; s += v }
    END { printf "GC pauses: %d, sum %.0f ms\n", n, s }'
