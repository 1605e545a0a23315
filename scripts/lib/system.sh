# shellcheck shell=bash
# System packages the tests need, from Debian's archive.

# shellcheck source=log.sh
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    say "the tests need the Debian packages: $*. Install them (sudo apt-get install $*) and run again."
    return 1
  fi
  say "installing $* ..."
  if [ -z "${MESHIFI_APT_UPDATED:-}" ]; then
    apt-get update -qq >&2
    MESHIFI_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

ensure_chromium() {
  CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  export CHROMIUM_PATH
  [ -x "$CHROMIUM_PATH" ] || apt_install chromium
}

# jq evaluates provider-http's mappings in the Fivetran capability's tests,
# standing in for the gojq the provider runs.
ensure_jq() {
  command -v jq >/dev/null 2>&1 || apt_install jq
}
