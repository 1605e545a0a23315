# shellcheck shell=bash
# System packages the tests need, from Debian's archive.

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "meshifi: the tests need the Debian packages: $*. Install them (sudo apt-get install $*) and run again." >&2
    return 1
  fi
  echo "meshifi: installing $* ..." >&2
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
