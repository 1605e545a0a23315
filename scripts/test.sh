#!/usr/bin/env bash
# Command 2: every test the project has. Exits non-zero when any fails and
# ends with one summary line: "meshifi: N passed, N failed".
set -uo pipefail
MESHIFI_ROOT="${MESHIFI_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export MESHIFI_ROOT
source "$MESHIFI_ROOT/scripts/lib/node.sh"
source "$MESHIFI_ROOT/scripts/lib/system.sh"
source "$MESHIFI_ROOT/scripts/lib/backend.sh"
source "$MESHIFI_ROOT/scripts/lib/crossplane-tools.sh"
source "$MESHIFI_ROOT/scripts/lib/dbt.sh"
source "$MESHIFI_ROOT/scripts/lib/postgres.sh"
source "$MESHIFI_ROOT/scripts/lib/local-cluster.sh"
cd "$MESHIFI_ROOT"

RESULTS="$MESHIFI_ROOT/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS" .meshifi

set -e
ensure_node
ensure_dependencies
ensure_chromium
ensure_jq
set +e

passed=0
failed=0
failures=()

# Runs one check that is a single pass or fail (type check, lint, format).
check() {
  local name="$1"
  shift
  echo "==> $name"
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "<== $name passed ($((SECONDS - started)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "<== $name FAILED ($((SECONDS - started)) s)"
  fi
}

# Adds the counts of a runner's JSON report to the totals.
count_report() {
  local name="$1" report="$2" exit_code="$3"
  local counts
  counts="$(node "$MESHIFI_ROOT/scripts/lib/count-report.js" "$report")" || counts="0 1"
  local p="${counts% *}" f="${counts#* }"
  if [ "$exit_code" -ne 0 ] && [ "$f" -eq 0 ]; then
    # The runner failed without a failing test: count the run itself.
    f=1
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$f" -eq 0 ] || failures+=("$name")
  echo "<== $name: $p passed, $f failed"
}

started_all=$SECONDS

check "type check (tsc)" yarn tsc
check "lint" yarn lint:all
check "formatting (prettier)" yarn prettier:check

# The real Crossplane CLI, function-auto-ready and the GCP provider CRDs, built
# once into the cache (minutes on a cold machine, instant after).
ensure_crossplane_tools() {
  ensure_crossplane_cli >/dev/null && ensure_function_auto_ready >/dev/null &&
    ensure_crossplane_crds >/dev/null && ensure_gcp_provider_crds >/dev/null
}
check "Crossplane tools (crossplane CLI, function-auto-ready, CRDs)" ensure_crossplane_tools

# kube-apiserver, etcd and Crossplane core built once into the cache (about
# 9 minutes on a cold machine), Flux's source- and kustomize-controller
# (about 7 more), and the bundled functions and tools. Tests that need a
# control plane start their own from these.
ensure_control_plane() {
  ensure_kube_apiserver >/dev/null && ensure_etcd >/dev/null &&
    ensure_crossplane_core >/dev/null && ensure_flux_controllers >/dev/null &&
    ensure_flux_crds >/dev/null && ensure_function_bundle >/dev/null &&
    ensure_local_tools_bundle >/dev/null
}
if [ -n "${CI:-}" ]; then
  export MESHIFI_REQUIRE_KUBERNETES=true
fi
check "local control plane (kube-apiserver, etcd, Crossplane core, Flux)" ensure_control_plane &&
  export MESHIFI_CONTROL_PLANE=available

# dbt with its BigQuery and DuckDB adapters in a Python environment in the
# cache (about a minute the first time): the starter dbt project's tests parse
# it for BigQuery and build it on DuckDB. Under CI they fail without it.
install_dbt() {
  ensure_dbt >/dev/null
}
check "dbt (dbt-core, dbt-bigquery, dbt-duckdb)" install_dbt

# Every benchmark's setup and one iteration, so that none rots unseen; no
# figures (the real benchmarks are `yarn bench`). After the control plane's
# binaries: three benchmarks start one. Before PostgreSQL starts: the
# catalog ingest would run a second time on it. The output goes to a log,
# shown when the dry run fails.
bench_dry_run() {
  yarn bench all --quick --dry >"$RESULTS/bench-dry-run.log" 2>&1 || {
    tail -n 60 "$RESULTS/bench-dry-run.log"
    return 1
  }
}
check "benchmarks, dry run (yarn bench all --quick --dry)" bench_dry_run

echo "==> unit and integration tests (jest, on SQLite and PostgreSQL)"
if start_test_postgres; then
  export MESHIFI_REQUIRE_POSTGRES=true
else
  failed=$((failed + 1))
  failures+=("PostgreSQL for the tests")
fi
yarn test --watchAll=false --ci --json --outputFile="$RESULTS/jest.json"
count_report "jest" "$RESULTS/jest.json" $?
stop_test_postgres

echo "==> browser tests (Playwright + Chromium, on a local control plane)"
# Slow enough that the journey sees its resources pending before ready.
if MESHIFI_STAND_IN_DELAY_MS=15000 start_local_cluster "$RESULTS/control-plane" "$RESULTS/e2e-gitops.git"; then
  export MESHIFI_E2E_KUBECONFIG="$MESHIFI_LOCAL_KUBECONFIG"
else
  failed=$((failed + 1))
  failures+=("local control plane for the browser tests")
fi
if build_app; then
  node node_modules/.bin/playwright test
  count_report "playwright" "$RESULTS/e2e.json" $?
else
  failed=$((failed + 1))
  failures+=("app build")
fi
stop_local_cluster "$RESULTS/control-plane" >/dev/null 2>&1

echo
echo "Screenshots: test-results/screenshots/ ($((SECONDS - started_all)) s in all)"
if [ "${#failures[@]}" -gt 0 ]; then
  echo "Failed: ${failures[*]}"
fi
echo "meshifi: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
