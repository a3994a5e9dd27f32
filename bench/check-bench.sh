#!/usr/bin/env bash
# Benchmarks `./migrate check` on the example model the way the pre-commit hook runs it (no database: the changelogs
# are replayed on the embedded PostgreSQL), with each speed-up turned off in turn:
#   hook path        cached embedded data directory + class data sharing archive (the default)
#   no CDS           MIGRATE_CDS=off
#   initdb, no CDS   MIGRATE_CACHE_DIR=off MIGRATE_CDS=off: what every run cost before
#   before           java -jar $MIGRATE_BEFORE_JAR check, when that variable names an older build's migrate.jar
#
#   bench/check-bench.sh [RUNS]      default 10 runs per case, after one warm-up run each
#
# Uses hyperfine when it is installed, else a bash loop that prints min / median / mean / max in seconds, and the
# CPU seconds (user + sys) per run, which a busy machine distorts less than wall time.
# Speed is measured here, never asserted in a test: timings depend on the machine and its load.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
cd "$here"
./migrate --version >/dev/null # builds the jar and the example model if their sources changed

cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
names=("hook path" "no CDS" "initdb, no CDS")
commands=("MIGRATE_CACHE_DIR=$cache ./migrate check --quiet"
          "MIGRATE_CACHE_DIR=$cache MIGRATE_CDS=off ./migrate check --quiet"
          "MIGRATE_CACHE_DIR=off MIGRATE_CDS=off ./migrate check --quiet")
if [ -n "${MIGRATE_BEFORE_JAR:-}" ]; then
  names+=("before")
  commands+=("java -jar $MIGRATE_BEFORE_JAR check --quiet")
fi

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

if command -v hyperfine >/dev/null 2>&1; then
  args=()
  for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
  hyperfine --warmup 1 --runs "$runs" "${args[@]}"
else
  for i in "${!names[@]}"; do
    bash -c "${commands[$i]}" >/dev/null # warm-up: builds the caches this case uses
    for _ in $(seq 1 "$runs"); do
      /usr/bin/env time -f "%e %U %S" bash -c "${commands[$i]}" 2>&1 >/dev/null | tail -n 1
    done | sort -n | awk -v name="${names[$i]}" '
      { wall[NR] = $1; sum += $1; cpu += $2 + $3 }
      END { printf "%-16s runs %d  wall: min %.2f  median %.2f  mean %.2f  max %.2f s   cpu: mean %.2f s\n",
            name, NR, wall[1], wall[int((NR + 1) / 2)], sum / NR, wall[NR], cpu / NR }'
  done
fi

echo
echo "where the time goes in one run of the hook path:"
MIGRATE_CACHE_DIR="$cache" ./migrate check --verbose 2>&1 | grep -A20 "where the time went" | sed 's/^\[verbose\] //'
