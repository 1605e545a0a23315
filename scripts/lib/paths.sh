# shellcheck shell=bash
# Where the meshifi scripts find the repository and where they keep what they
# build or download once: the meshifi cache folder, outside the repository
# (MESHIFI_CACHE; by default $XDG_CACHE_HOME/meshifi or ~/.cache/meshifi), so
# that a fresh clone or a `git clean` does not throw away minutes of builds.

MESHIFI_ROOT="${MESHIFI_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
MESHIFI_CACHE="${MESHIFI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/meshifi}"
export MESHIFI_ROOT MESHIFI_CACHE

# absolute_dir DIR: DIR, made if missing, as an absolute path.
absolute_dir() {
  mkdir -p "$1" && (cd "$1" && pwd)
}
