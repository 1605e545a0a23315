#!/usr/bin/env bash
# Runs the benchmarks of bench/: `yarn bench publish` runs
# bench/publish.bench.ts at its full sizes, `yarn bench all` runs every one,
# one after another, and ends with one summary table. Options, passed on to
# each benchmark: --quick (reduced sizes), --dry (setup and one iteration,
# no figures). The TypeScript is bundled with esbuild first, so that the
# workspace packages are used from source.
set -uo pipefail
MESHIFI_ROOT="${MESHIFI_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# Exported: the bundled benchmark runs from a temporary folder and finds the
# repository through it (node_modules, the control plane scripts, results).
export MESHIFI_ROOT
# One run id for every benchmark of this call: their figures land in
# bench/results/<benchmark>-<run>.json.
MESHIFI_BENCH_RUN="${MESHIFI_BENCH_RUN:-$(date -u +%Y%m%dT%H%M%SZ)}"
export MESHIFI_BENCH_RUN

usage="usage: yarn bench <name>|all [--quick] [--dry], e.g. yarn bench publish"
name="${1:?$usage}"
shift
for option in "$@"; do
  case "$option" in
  --quick | --dry) ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
  esac
done

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# The catalog ingest is measured on PostgreSQL too, Backstage's production
# database: a private server on loopback when its binaries are installed
# (the test command installs them), else on SQLite alone, as it says.
# shellcheck source=lib/postgres.sh
source "$MESHIFI_ROOT/scripts/lib/postgres.sh"
if [[ "$name" == all || "$name" == catalog-ingest ]] &&
  [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] && _pg_bin; then
  start_test_postgres && trap 'stop_test_postgres; rm -rf "$out"' EXIT
fi

# Bundles bench/$1.ts into $out/$1.js.
bundle() {
  "$MESHIFI_ROOT/node_modules/.bin/esbuild" "$MESHIFI_ROOT/bench/$1.ts" \
    --bundle --platform=node --target=node22 --format=cjs --log-level=warning \
    --outfile="$out/$1.js"
}

# Runs one benchmark with the options given.
run_benchmark() {
  bundle "$1.bench" && node "$out/$1.bench.js" "${@:2}"
}

if [ "$name" != all ]; then
  if [ ! -f "$MESHIFI_ROOT/bench/$name.bench.ts" ]; then
    echo "no benchmark bench/$name.bench.ts; $usage" >&2
    exit 2
  fi
  run_benchmark "$name" "$@"
  exit
fi

started=$SECONDS
outcomes=()
failed=0
for file in "$MESHIFI_ROOT"/bench/*.bench.ts; do
  benchmark="$(basename "$file" .bench.ts)"
  echo "==> yarn bench $benchmark $*"
  benchmark_started=$SECONDS
  run_benchmark "$benchmark" "$@"
  code=$?
  echo "<== $benchmark: exit code $code ($((SECONDS - benchmark_started)) s)"
  outcomes+=("$benchmark=$code")
  [ "$code" -eq 0 ] || failed=$((failed + 1))
done

case " $* " in
*" --dry "*)
  printf '\ndry run of every benchmark: %s\n' "${outcomes[*]}"
  ;;
*)
  bundle summary && node "$out/summary.js" "$MESHIFI_BENCH_RUN" "${outcomes[@]}" ||
    failed=$((failed + 1))
  ;;
esac
echo "all benchmarks took $((SECONDS - started)) s; $failed failed"
[ "$failed" -eq 0 ]
