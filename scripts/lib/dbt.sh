# shellcheck shell=bash
# dbt, for the tests that run the starter dbt project for real: dbt-core with
# the BigQuery adapter (what the product's CronJob runs; `dbt parse` checks
# the project and its profiles.yml offline) and the DuckDB adapter (the local
# stand-in warehouse, on which `dbt build` runs the models and tests).
# Installed once with pip into a Python virtual environment in the meshifi
# cache folder ($MESHIFI_CACHE/python/dbt-...) and reused after:
#
#   ensure_dbt   -> MESHIFI_DBT (the `dbt` program of that environment)
#
# It says its progress on stderr, exports MESHIFI_DBT, prints its path on
# stdout and returns non-zero with a message on failure. Needs Python 3.10 to
# 3.13 with its venv module (MESHIFI_PYTHON names one; otherwise the newest
# python3.1x on PATH, then python3).

# shellcheck source=paths.sh
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
# shellcheck source=log.sh
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"

# --- Pinned versions --------------------------------------------------------

# Below 1.12: dbt-core 1.12 depends on dbt-core-experimental-parser, whose
# build downloads a wheel from outside the package registries, which fails
# where only a registry is reachable. The BigQuery adapter is the one the
# product's CronJob image runs; the DuckDB adapter is the local warehouse.
MESHIFI_DBT_CORE_VERSION="${MESHIFI_DBT_CORE_VERSION:-1.11.16}"
MESHIFI_DBT_BIGQUERY_VERSION="${MESHIFI_DBT_BIGQUERY_VERSION:-1.11.3}"
MESHIFI_DBT_DUCKDB_VERSION="${MESHIFI_DBT_DUCKDB_VERSION:-1.11.1}"

# The environment's folder, named after the versions, so that changing a pin
# installs a new one instead of reusing the old.
dbt_environment_dir() {
  printf '%s\n' "$MESHIFI_CACHE/python/dbt-$MESHIFI_DBT_CORE_VERSION-bigquery-$MESHIFI_DBT_BIGQUERY_VERSION-duckdb-$MESHIFI_DBT_DUCKDB_VERSION"
}

ensure_dbt() {
  local venv
  venv="$(dbt_environment_dir)"
  # .complete is written last: a half-made environment (an install that was
  # interrupted or failed) is made again rather than used.
  if [ ! -f "$venv/.complete" ]; then
    _install_dbt "$venv" || return 1
  fi
  if ! _dbt_imports "$venv/bin/python"; then
    rm -f "$venv/.complete"
    say "the dbt environment in $venv no longer loads its adapters (was Python upgraded?): run again to install it anew."
    return 1
  fi
  export MESHIFI_DBT="$venv/bin/dbt"
  printf '%s\n' "$MESHIFI_DBT"
}

# _install_dbt DIR: a new virtual environment in DIR with the pinned dbt.
_install_dbt() {
  local venv="$1" python log started
  python="$(_dbt_python)" || return 1
  log="$(dirname "$venv")/$(basename "$venv").install.log"
  started="$(clock_now)"
  say "installing dbt-core $MESHIFI_DBT_CORE_VERSION, dbt-bigquery $MESHIFI_DBT_BIGQUERY_VERSION and dbt-duckdb $MESHIFI_DBT_DUCKDB_VERSION into $venv (about a minute the first time) ..."
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")" || return 1
  if ! "$python" -m venv "$venv" >"$log" 2>&1; then
    rm -rf "$venv"
    say_with_log_tail "$log" "$python could not make a virtual environment (on Debian or Ubuntu install the package python3-venv, or name another Python in MESHIFI_PYTHON)"
    return 1
  fi
  # pip reads the package index from its usual configuration (pip.conf,
  # PIP_INDEX_URL): nothing here names one.
  if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "dbt-core==$MESHIFI_DBT_CORE_VERSION" \
    "dbt-bigquery==$MESHIFI_DBT_BIGQUERY_VERSION" \
    "dbt-duckdb==$MESHIFI_DBT_DUCKDB_VERSION" >>"$log" 2>&1; then
    rm -rf "$venv"
    say_with_log_tail "$log" "pip could not install dbt (is the Python package index reachable?)"
    return 1
  fi
  if ! _dbt_imports "$venv/bin/python" 2>>"$log"; then
    rm -rf "$venv"
    say_with_log_tail "$log" "dbt installed but does not load its BigQuery and DuckDB adapters"
    return 1
  fi
  touch "$venv/.complete"
  say "installed dbt in $(seconds_since "$started") s"
}

# _dbt_imports PYTHON: dbt and both adapters load. Imports only: `dbt
# --version` would ask the package index for the newest release.
_dbt_imports() {
  "$1" -c 'import dbt.cli.main, dbt.adapters.bigquery, dbt.adapters.duckdb' >/dev/null
}

# _dbt_python: a Python dbt supports (3.10 to 3.13), printed; or a message.
_dbt_python() {
  local candidate
  for candidate in ${MESHIFI_PYTHON:-} python3.13 python3.12 python3.11 python3.10 python3; do
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c 'import sys, venv; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)' >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  say "dbt needs Python 3.10 to 3.13 with its venv module, and none was found: install one (e.g. python3.11 and python3.11-venv) or name it in MESHIFI_PYTHON, and try again."
  return 1
}
