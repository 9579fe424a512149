#!/usr/bin/env bash
# The benchmark harness: one command, writes docs/benchmarks.md.
#
#   benchmarks/run.sh [--mode embedded|postgres|axonserver|all] [--scale N] [--duration 20s] [more options]
#
# Defaults: every mode (axonserver only when AXON_SERVER_ADDRESS is set), 1 000 000 conversations /
# 10 000 visitors, wrk -t2 -c16, 3 rounds of 20 s for every figure and its baseline in alternation
# (10 s warm-up each), after 45 s of every request type (JIT warm-up). Other options (passed to
# benchmarks/bench.py): --visitors N, --rounds 3,
# --warmup 10s, --warmup-all 45s, --lag-duration 60s, --threads 2, --connections 16,
# --jvm-options @server/jvm.options, --service-env MALLOC_ARENA_MAX=2, --scale-embedded N /
# --scale-postgres N / --scale-axonserver N (one mode's scale), --min-free-disk-gb 8, --keep-db,
# --scale-note "why", --before RESULTS_JSON (a before/after table against a run on an earlier commit).
# Set BENCH_SKIP_BUILD=1 to reuse the jars already built.
#
# Needs: JDK 17, Python 3, wrk (installed here with apt-get when run as root; otherwise
# `sudo apt-get install -y wrk`), and for postgres mode a PostgreSQL on 127.0.0.1:5432 that trusts
# user postgres, with createdb/dropdb/psql on the PATH. For axonserver mode (its read models are in
# such a PostgreSQL database too) AXON_SERVER_ADDRESS names an Axon Server (gRPC host:port) whose
# context (AXON_SERVER_CONTEXT, default "default"; AXON_SERVER_TOKEN when access control is on)
# holds no events yet, e.g. `docker compose up -d axonserver`. Not part of ./mvnw verify.
#
# Raw wrk outputs, the seeder's output and the service logs go to benchmarks/results/<timestamp>/
# (gitignored), with the copy of the service jar the run used. Every process started here is
# stopped on exit, and the PostgreSQL databases created for the run are dropped.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
COMMAND="benchmarks/run.sh"
for arg in "$@"; do COMMAND+=" $(printf '%q' "$arg")"; done

MODE=all
for ((i = 1; i <= $#; i++)); do
  arg=${!i}
  case "$arg" in
    --mode) j=$((i + 1)); MODE=${!j:-} ;;
    --mode=*) MODE=${arg#--mode=} ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
  esac
done
case "$MODE" in
  embedded | postgres | axonserver | all) ;;
  *) echo "run.sh: --mode must be embedded, postgres, axonserver or all (got '$MODE')" >&2; exit 2 ;;
esac
if [ "$MODE" = axonserver ] && [ -z "${AXON_SERVER_ADDRESS:-}" ]; then
  echo "run.sh: --mode axonserver needs AXON_SERVER_ADDRESS (host:port of an Axon Server's gRPC port)" >&2
  exit 2
fi

say() { echo "[run.sh] $*" 2>/dev/null || true; }

# --- tools ------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "wrk not found: installing it (apt-get install -y wrk)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
fi
if ! command -v wrk >/dev/null 2>&1; then
  echo "run.sh: wrk is required (Debian/Ubuntu: sudo apt-get install -y wrk)" >&2
  exit 1
fi
for tool in java python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is required" >&2; exit 1; }
done
if [ "$MODE" != embedded ]; then
  for tool in createdb dropdb psql; do
    command -v "$tool" >/dev/null 2>&1 || {
      echo "run.sh: $tool is required for postgres and axonserver modes (apt-get install -y postgresql-client)" >&2
      exit 1
    }
  done
  psql -h 127.0.0.1 -U postgres -tAc 'SELECT 1' >/dev/null || {
    echo "run.sh: cannot reach PostgreSQL as postgres@127.0.0.1:5432 (needed for postgres and axonserver modes)" >&2
    exit 1
  }
fi

# --- the run's directory and the cleanup --------------------------------------------------------
STAMP=$(date -u +%Y%m%d_%H%M%S)
RUN_DIR="$ROOT/benchmarks/results/$STAMP"
mkdir -p "$RUN_DIR"

cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  trap '' PIPE # the terminal or the pipe reading our output may be gone: clean up all the same
  if [ -f "$RUN_DIR/pids" ]; then
    # children first (the list is in start order), then the orchestrator
    tac "$RUN_DIR/pids" | while read -r pid; do
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        say "stopping leftover process $pid"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done
  fi
  if [ -f "$RUN_DIR/databases" ] && command -v dropdb >/dev/null 2>&1; then
    while read -r db; do
      [ -n "$db" ] && dropdb -h 127.0.0.1 -U postgres --if-exists "$db" 2>/dev/null || true
    done <"$RUN_DIR/databases"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# --- build --------------------------------------------------------------------------------------
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  say "building the service jar"
  ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
  say "building the seeder (-Pbenchmarks)"
  ./mvnw -B -q -Pbenchmarks -pl benchmarks -DskipTests -Dspotless.check.skip=true package
fi
[ -f server/target/siteassist-server.jar ] || { echo "run.sh: server/target/siteassist-server.jar is missing" >&2; exit 1; }
[ -f benchmarks/target/benchmarks.jar ] || { echo "run.sh: benchmarks/target/benchmarks.jar is missing" >&2; exit 1; }

# The service runs from a copy: a rebuild of server/target during the run (another build in the
# same tree) would otherwise swap the jar under the running JVM (NoClassDefFoundError, hangs).
cp server/target/siteassist-server.jar "$RUN_DIR/siteassist-server.jar"

# --- run ----------------------------------------------------------------------------------------
say "results: benchmarks/results/$STAMP"
python3 benchmarks/bench.py --results "$RUN_DIR" --jar "$RUN_DIR/siteassist-server.jar" \
  --command "$COMMAND" "$@" 2>&1 | tee "$RUN_DIR/harness.log"
exit "${PIPESTATUS[0]}"
